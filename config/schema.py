"""The OpenAPI schema, telling the truth about what the API answers (drf-spectacular's AutoSchema).

- Every error an operation can answer is listed with the one error body (core.api.ErrorSerializer):
  400 for anything with a request body, 403 where credentials are read (a bad or missing one, or a
  role without the permission), 404 for a path with an id or a paginated list, 415 for a body in
  a type we do not read, 429 where a rate limit applies.
- An endpoint anonymous callers may use is marked public (`security: []`), whatever the
  authentication it also accepts.
- Ids chosen from a list (primary-key fields) say their range, like every other integer input.
"""

from django.contrib.auth.models import AnonymousUser
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers
from rest_framework.permissions import AllowAny

from core.api import ErrorSerializer
from core.bounds import BIG_INTEGER_MAX

BODY_METHODS = {"POST", "PUT", "PATCH"}


class AutoSchema(SpectacularAutoSchema):
    def is_public(self) -> bool:
        permissions = self.view.get_permissions()
        if any(isinstance(p, AllowAny) for p in permissions):
            return True
        required = getattr(self.view, "permission_required", None)
        return bool(required) and AnonymousUser().has_perm(required)

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is not None and self.is_public():
            operation["security"] = []
        return operation

    def _error_codes(self) -> list[int]:
        codes = []
        if self.method in BODY_METHODS:
            codes += [400, 415]
        if self.view.get_authenticators():
            codes.append(403)
        if "{" in self.path or (self._is_list_view() and getattr(self.view, "pagination_class", None)):
            codes.append(404)
        if self.view.get_throttles():
            codes.append(429)
        return codes

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in map(str, self._error_codes()):
            if "content" not in responses.get(code, {}):
                responses[code] = self._get_response_for_code(ErrorSerializer, code, direction=direction)
        return responses

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, serializers.PrimaryKeyRelatedField) and schema.get("type") == "integer":
            schema.setdefault("minimum", 1)
            schema.setdefault("maximum", BIG_INTEGER_MAX)
        return schema
