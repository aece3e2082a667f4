"""Writes for outcomes: officers record what an indicator measured. Pages and commands call these."""

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import audit
from core.errors import DomainError
from outcomes.models import Indicator, IndicatorValue


@transaction.atomic
def indicator_value_record(
    *,
    user,
    indicator_id: int,
    period_start: date,
    period_end: date,
    value: Decimal,
    source: str,
    note: str = "",
) -> IndicatorValue:
    """Record one period's measured value. A period is recorded once; the record says who and where from."""
    indicator = Indicator.objects.get(pk=indicator_id)
    if period_end < period_start:
        raise DomainError(
            _("The period must end on or after the day it starts."), code="period_order", field="period_end"
        )
    if not source.strip():
        raise DomainError(_("Say where the figure comes from."), code="source_required", field="source")
    if IndicatorValue.objects.filter(indicator=indicator, period_start=period_start).exists():
        raise DomainError(
            _("A value for the period starting %(when)s is recorded already.") % {"when": f"{period_start:%d %B %Y}"},
            code="period_recorded",
            field="period_start",
        )
    try:
        with transaction.atomic():
            recorded = IndicatorValue.objects.create(
                indicator=indicator,
                period_start=period_start,
                period_end=period_end,
                value=value,
                source=source.strip(),
                note=note.strip(),
                recorded_by=user,
            )
    except IntegrityError:  # two officers recording the same period at once
        raise DomainError(_("A value for this period is recorded already."), code="period_recorded") from None
    audit.record(
        actor=user,
        obj=recorded,
        context=indicator.outcome,
        action="indicator.value_recorded",
        after={
            "period_start": period_start.isoformat(),
            "period_end": period_end.isoformat(),
            "value": str(value),
            "source": recorded.source,
            "note": recorded.note,
        },
        public=True,
    )
    return recorded
