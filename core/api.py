"""The API's one error body, so every refusal has the same shape and the schema can say so."""

from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    """What every API refusal answers: a sentence, a stable code, and each problem found."""

    detail = serializers.CharField(help_text="What went wrong, in words a person can read.")
    code = serializers.CharField(help_text="A stable code for programs: invalid, not_found, throttled, …")
    problems = serializers.ListField(
        child=serializers.CharField(), help_text="Every problem found; for a field, prefixed with its path."
    )
