from django import template

from governance.models import Decision, ProtectedCharacteristic, ProviderType, VoteChoice

register = template.Library()


@register.filter
def vote_label(value: str) -> str:
    return VoteChoice(value).label if value in VoteChoice.values else value


@register.filter
def result_label(value: str) -> str:
    return Decision.Result(value).label if value in Decision.Result.values else value


@register.filter
def characteristic_label(value: str) -> str:
    return ProtectedCharacteristic(value).label if value in ProtectedCharacteristic.values else value


@register.filter
def provider_label(value: str) -> str:
    return ProviderType(value).label if value in ProviderType.values else value
