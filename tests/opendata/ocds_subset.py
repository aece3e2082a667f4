"""A JSON Schema for the parts of OCDS 1.1 that this platform publishes, written from the standard's
documentation for an offline check: required fields, the codelists of the values we use, date-time
formats, amounts and the ocid prefix. It is a subset, not the standard's schema; the full check is
libcoveocds (tests/opendata/test_ocds.py), which needs the standard's schema files.
"""

DATE_TIME = {"type": "string", "format": "date-time"}
VALUE = {
    "type": "object",
    "required": ["amount", "currency"],
    "properties": {"amount": {"type": "number"}, "currency": {"enum": ["GBP"]}},
    "additionalProperties": False,
}
ORG_REF = {
    "type": "object",
    "required": ["id", "name"],
    "properties": {"id": {"type": "string"}, "name": {"type": "string"}},
}
TAGS = [
    "planning", "planningUpdate", "tender", "tenderAmendment", "tenderUpdate", "tenderCancellation", "award",
    "awardUpdate", "awardCancellation", "contract", "contractUpdate", "contractAmendment", "implementation",
    "implementationUpdate", "contractTermination", "compiled",
]  # fmt: skip


def release_schema(prefix: str) -> dict:
    return {
        "type": "object",
        "required": ["ocid", "id", "date", "tag", "initiationType"],
        "properties": {
            "ocid": {"type": "string", "pattern": f"^{prefix}-"},
            "id": {"type": "string", "minLength": 1},
            "date": DATE_TIME,
            "tag": {"type": "array", "minItems": 1, "items": {"enum": TAGS}},
            "initiationType": {"enum": ["tender"]},
            "language": {"type": "string"},
            "buyer": ORG_REF,
            "parties": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "name", "roles"],
                    "properties": {
                        "roles": {
                            "type": "array",
                            "items": {
                                "enum": [
                                    "buyer",
                                    "procuringEntity",
                                    "supplier",
                                    "tenderer",
                                    "funder",
                                    "payer",
                                    "payee",
                                    "reviewBody",
                                    "interestedParty",
                                ]
                            },
                        }
                    },
                },
            },
            "planning": {
                "type": "object",
                "properties": {
                    "rationale": {"type": "string"},
                    "budget": {
                        "type": "object",
                        "properties": {"amount": VALUE, "uri": {"type": "string", "format": "uri"}},
                    },
                },
            },
            "tender": {
                "type": "object",
                "required": ["id"],
                "properties": {
                    "status": {
                        "enum": ["planning", "planned", "active", "cancelled", "unsuccessful", "complete", "withdrawn"]
                    },
                    "value": VALUE,
                    "mainProcurementCategory": {"enum": ["goods", "works", "services"]},
                    "procuringEntity": ORG_REF,
                },
            },
            "awards": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id"],
                    "properties": {
                        "status": {"enum": ["pending", "active", "cancelled", "unsuccessful"]},
                        "date": DATE_TIME,
                        "value": VALUE,
                        "suppliers": {"type": "array", "items": ORG_REF},
                    },
                },
            },
            "contracts": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "awardID"],
                    "properties": {
                        "status": {"enum": ["pending", "active", "cancelled", "terminated"]},
                        "value": VALUE,
                        "dateSigned": DATE_TIME,
                        "items": {"type": "array", "items": {"type": "object", "required": ["id"]}},
                        "milestones": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["id"],
                                "properties": {
                                    "type": {
                                        "enum": [
                                            "preProcurement",
                                            "approval",
                                            "engagement",
                                            "assessment",
                                            "delivery",
                                            "reporting",
                                            "financing",
                                        ]
                                    },
                                    "status": {"enum": ["scheduled", "met", "notMet", "partiallyMet"]},
                                    "dueDate": DATE_TIME,
                                    "dateMet": DATE_TIME,
                                    "dateModified": DATE_TIME,
                                },
                            },
                        },
                        "implementation": {
                            "type": "object",
                            "properties": {
                                "transactions": {
                                    "type": "array",
                                    "items": {
                                        "type": "object",
                                        "required": ["id"],
                                        "properties": {
                                            "date": DATE_TIME,
                                            "value": VALUE,
                                            "payer": ORG_REF,
                                            "payee": ORG_REF,
                                        },
                                    },
                                }
                            },
                        },
                    },
                },
            },
        },
    }


def package_schema(kind: str, prefix: str) -> dict:
    release = release_schema(prefix)
    items = (
        release
        if kind == "releases"
        else {
            "type": "object",
            "required": ["ocid", "releases"],
            "properties": {
                "ocid": {"type": "string"},
                "releases": {"type": "array", "items": release},
                "compiledRelease": release,
            },
        }
    )
    return {
        "type": "object",
        "required": ["uri", "publishedDate", "publisher", "version", kind],
        "properties": {
            "uri": {"type": "string", "format": "uri"},
            "version": {"enum": ["1.1"]},
            "publishedDate": DATE_TIME,
            "publisher": {"type": "object", "required": ["name"]},
            "license": {"type": "string", "format": "uri"},
            "publicationPolicy": {"type": "string", "format": "uri"},
            kind: {"type": "array", "items": items},
        },
    }
