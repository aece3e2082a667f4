"""Commissions as Open Contracting Data Standard 1.1: releases, release packages and records.

One contracting process per commission, identified by `<OCDS_PREFIX>-commission-<id>`:

- planning: from the cycle and the funded priorities it delivers (budget, rationale);
- tender: once the commission is submitted with its provider chosen;
- award and contract: once councillors approve it (a rejection makes the tender unsuccessful);
- implementation: one release per milestone reported, carrying every milestone so far and the
  spend reported against each kind of resource as transactions.

Each release is the whole state at its date (not a diff), so the compiled release of a record is
simply the latest state with the tag "compiled". Drafts are never published.
"""

from datetime import UTC, datetime, time
from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from delivery.models import Milestone
from governance.models import Commission, ResourceKind

VERSION = "1.1"
CURRENCY = "GBP"
MILESTONE_STATUS = {
    Milestone.Status.PLANNED: "scheduled",
    Milestone.Status.MET: "met",
    Milestone.Status.MISSED: "notMet",
}


def ocid(commission: Commission) -> str:
    return f"{settings.OCDS_PREFIX}-commission-{commission.pk}"


def _stamp(value) -> str:
    moment = value if isinstance(value, datetime) else timezone.make_aware(datetime.combine(value, time(12)))
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _money(amount) -> dict:
    return {"amount": float(Decimal(amount)), "currency": CURRENCY}


def _buyer() -> dict:
    return {"id": f"{settings.OCDS_PREFIX}-buyer", "name": settings.OCDS_PUBLISHER_NAME}


def _supplier(commission: Commission) -> dict | None:
    if not commission.provider_name:
        return None
    return {"id": f"{settings.OCDS_PREFIX}-supplier-{commission.pk}", "name": commission.provider_name}


def commissions_for_ocds() -> QuerySet[Commission]:
    return (
        Commission.objects.exclude(status=Commission.Status.DRAFT)
        .filter(cycle__is_published=True)
        .select_related("cycle")
        .prefetch_related(
            "priorities",
            "resources",
            "decisions",
            Prefetch("milestones", queryset=Milestone.objects.order_by("planned_on", "pk").prefetch_related("spend")),
        )
        .order_by("pk")
    )


def _parties(commission: Commission, *, with_supplier: bool) -> list[dict]:
    buyer = _buyer() | {"roles": ["buyer", "procuringEntity"]}
    supplier = _supplier(commission)
    if with_supplier and supplier:
        return [buyer, supplier | {"roles": ["supplier", "payee"]}]
    return [buyer]


def _planning(commission: Commission) -> dict:
    cycle = commission.cycle
    priorities = [p.title for p in commission.priorities.all()]
    rationale = f"Residents' priorities in the cycle “{cycle.title}”" + (
        f": {'; '.join(priorities)}." if priorities else "."
    )
    return {
        "rationale": rationale,
        "budget": {
            "id": f"cycle-{cycle.pk}",
            "description": f"Budget of the cycle “{cycle.title}”",
            "amount": _money(cycle.budget),
            "uri": f"{settings.SITE_URL}/cycles/{cycle.slug}/",
        },
    }


def _tender(commission: Commission, status: str) -> dict:
    tender = {
        "id": f"{ocid(commission)}-tender",
        "title": commission.title,
        "description": commission.description,
        "status": status,
        "value": _money(commission.value),
        "mainProcurementCategory": "services",
        "procuringEntity": _buyer(),
    }
    if commission.procurement_route:
        tender["procurementMethodDetails"] = commission.procurement_route
    return tender


def _award(commission: Commission, decision) -> dict:
    award = {
        "id": f"{ocid(commission)}-award-{decision.decision_round}",
        "title": commission.title,
        "status": "active",
        "date": _stamp(decision.decided_at),
        "value": _money(commission.value),
    }
    supplier = _supplier(commission)
    if supplier:
        award["suppliers"] = [supplier]
    return award


def _milestone(milestone: Milestone) -> dict:
    entry = {
        "id": f"milestone-{milestone.pk}",
        "title": milestone.title,
        "type": "delivery",
        "dueDate": _stamp(milestone.planned_on),
        "status": MILESTONE_STATUS[milestone.status],
    }
    if milestone.description:
        entry["description"] = milestone.description
    if milestone.actual_on:
        entry["dateMet"] = _stamp(milestone.actual_on)
    if milestone.reported_at:
        entry["dateModified"] = _stamp(milestone.reported_at)
    return entry


def _transactions(commission: Commission, milestones: list[Milestone]) -> list[dict]:
    payee = _supplier(commission)
    out = []
    for milestone in milestones:
        for spend in milestone.spend.all():
            transaction = {
                "id": f"milestone-{milestone.pk}-{spend.kind}",
                "source": f"{settings.SITE_URL}/commissions/{commission.pk}/delivery/",
                "date": _stamp(milestone.reported_at or milestone.planned_on),
                "value": _money(spend.amount),
                "payer": _buyer(),
            }
            if payee:
                transaction["payee"] = payee
            out.append(transaction)
    return out


def _contract(commission: Commission, decision, milestones: list[Milestone]) -> dict:
    contract = {
        "id": f"{ocid(commission)}-contract-{decision.decision_round}",
        "awardID": f"{ocid(commission)}-award-{decision.decision_round}",
        "title": commission.title,
        "description": commission.description,
        "status": "active",
        "value": _money(commission.value),
        "dateSigned": _stamp(decision.decided_at),
    }
    if milestones:
        contract["milestones"] = [_milestone(m) for m in milestones]
        transactions = _transactions(commission, milestones)
        if transactions:
            contract["implementation"] = {"transactions": transactions}
    resources = [r for r in commission.resources.all() if r.kind != ResourceKind.CASH]
    if resources:
        contract["items"] = [
            {
                "id": f"resource-{r.kind}",
                "description": f"{r.get_kind_display()}: {r.description}".rstrip(": ")
                + (f" (£{r.amount})" if r.amount is not None else ""),
            }
            for r in resources
        ]
    return contract


def _release(commission: Commission, *, suffix: str, tag: list[str], date, **sections) -> dict:
    return {
        "ocid": ocid(commission),
        "id": f"{ocid(commission)}-{suffix}",
        "date": _stamp(date),
        "tag": tag,
        "initiationType": "tender",
        "language": "en",
        "buyer": _buyer(),
    } | sections


def releases_for(commission: Commission) -> list[dict]:
    """Every release of one commission's contracting process, oldest first."""
    planning = _planning(commission)
    releases = [
        _release(
            commission,
            suffix="planning",
            tag=["planning"],
            date=commission.created_at,
            planning=planning,
            parties=_parties(commission, with_supplier=False),
            tender=_tender(commission, "planning"),
        )
    ]
    decision = max(commission.decisions.all(), key=lambda d: d.decision_round, default=None)
    approved = decision is not None and decision.result == "approved"
    # A release is never rewritten: the tender as it went to councillors, then (if rejected) its update.
    releases.append(
        _release(
            commission,
            suffix="tender",
            tag=["tender"],
            date=commission.submitted_at or commission.created_at,
            planning=planning,
            parties=_parties(commission, with_supplier=True),
            tender=_tender(commission, "active"),
        )
    )
    if decision is not None and decision.result == "rejected":
        releases.append(
            _release(
                commission,
                suffix=f"tender-unsuccessful-{decision.decision_round}",
                tag=["tenderUpdate"],
                date=decision.decided_at,
                planning=planning,
                parties=_parties(commission, with_supplier=True),
                tender=_tender(commission, "unsuccessful"),
            )
        )
    if not approved:
        return releases
    award, full = _award(commission, decision), {"planning": planning, "tender": _tender(commission, "complete")}
    parties = _parties(commission, with_supplier=True)
    releases.append(
        _release(
            commission,
            suffix=f"award-{decision.decision_round}",
            tag=["award", "contract"],
            date=decision.decided_at,
            parties=parties,
            awards=[award],
            contracts=[_contract(commission, decision, [])],
            **full,
        )
    )
    milestones = list(commission.milestones.all())
    reported = [m for m in milestones if m.reported_at is not None]
    for n, milestone in enumerate(sorted(reported, key=lambda m: m.reported_at), start=1):
        # Each implementation release carries every milestone as it stood then: those reported by then
        # with their outcome, the rest as scheduled.
        as_then = [
            m if (m.reported_at and m.reported_at <= milestone.reported_at) else _as_scheduled(m) for m in milestones
        ]
        releases.append(
            _release(
                commission,
                suffix=f"implementation-{n}",
                tag=["implementation"],
                date=milestone.reported_at,
                parties=parties,
                awards=[award],
                contracts=[_contract(commission, decision, as_then)],
                **full,
            )
        )
    if milestones and not reported:
        releases.append(
            _release(
                commission,
                suffix="implementation-planned",
                tag=["implementation"],
                date=decision.decided_at,
                parties=parties,
                awards=[award],
                contracts=[_contract(commission, decision, milestones)],
                **full,
            )
        )
    return releases


def _as_scheduled(milestone: Milestone) -> Milestone:
    return Milestone(
        pk=milestone.pk,
        commission_id=milestone.commission_id,
        title=milestone.title,
        description=milestone.description,
        planned_on=milestone.planned_on,
        status=Milestone.Status.PLANNED,
    )


def record_for(commission: Commission) -> dict:
    releases = releases_for(commission)
    compiled = dict(releases[-1])
    compiled["id"] = f"{ocid(commission)}-compiled"
    compiled["tag"] = ["compiled"]
    return {"ocid": ocid(commission), "releases": releases, "compiledRelease": compiled}


def package_head(*, uri: str, kind: str) -> dict:
    """The package's metadata; `kind` is "releases" or "records"."""
    return {
        "uri": uri,
        "version": VERSION,
        "publishedDate": _stamp(timezone.now()),
        "publisher": {"name": settings.OCDS_PUBLISHER_NAME},
        "license": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "publicationPolicy": f"{settings.SITE_URL}/data/",
    }
