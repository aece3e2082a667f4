"""The platform's URLs plus two bare views, so the benchmark compares like with like on one server.

- `bench/bare/` does nothing: the cost of Django and gunicorn alone.
- `bench/bare-ballot/<cycle>/` records the same ballot the API does, with the least code that can:
  token lookup, one ballot row per voter (on a change, its version and time moved on), its choices
  replaced in one transaction, no checks, no notice. The distance between it and the API is what
  our validation, DRF and notices cost.
"""

import json

from django.db import transaction
from django.http import HttpResponse, JsonResponse
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from rest_framework.authtoken.models import Token

from commissioning.models import Ballot, BallotChoice


@csrf_exempt
def bare(request):
    return HttpResponse("ok")


@csrf_exempt
def bare_ballot(request, cycle_id: int):
    key = request.headers.get("Authorization", "").removeprefix("Token ")
    user_id = Token.objects.filter(key=key).values_list("user_id", flat=True).first()
    if user_id is None:
        return HttpResponse(status=401)
    priority_ids = [choice["priority"] for choice in json.loads(request.body)["choices"]]
    with transaction.atomic():
        ballot, created = Ballot.objects.select_for_update().get_or_create(cycle_id=cycle_id, voter_id=user_id)
        if not created:
            ballot.version += 1
            ballot.save(update_fields=["version", "updated_at"])
            ballot.choices.all().delete()
        BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, priority_id=p) for p in priority_ids)
    return JsonResponse({"receipt_code": ballot.receipt_code})


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/bare-ballot/<int:cycle_id>/", bare_ballot),
    path("", include("config.urls")),
]
