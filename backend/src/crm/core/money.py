"""Money: Decimal amounts as strings in the API, ISO 4217 currency codes, never floats."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, PlainSerializer, WithJsonSchema

# ISO 4217 active codes.
ISO_4217 = frozenset(
    "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD CAD CDF "
    "CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD "
    "HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD "
    "MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN "
    "PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY "
    "TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF XPF YER ZAR ZMW ZWL".split()
)
CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999999999.99")  # Numeric(18, 2)


def _currency(value: str) -> str:
    code = value.strip().upper()
    if code not in ISO_4217:
        raise ValueError("not an ISO 4217 currency code")
    return code


def quantize(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _no_float(value: object) -> object:
    # The contract says string: a JSON number may already have been through a binary float.
    if not isinstance(value, str):
        raise ValueError('send amounts as decimal strings, e.g. "12500.00"')
    return value


def _amount(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise ValueError("must be a finite number")
    if value < 0:
        raise ValueError("must not be negative")
    value = quantize(value)
    if value > MAX_AMOUNT:
        raise ValueError("is too large")
    return value


Currency = Annotated[str, Field(min_length=3, max_length=3, examples=["KRW"]), AfterValidator(_currency)]
# In: a decimal string (or integer); out: always a string with two decimals.
Amount = Annotated[
    Decimal,
    BeforeValidator(_no_float),
    AfterValidator(_amount),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,16}(\.\d{1,2})?$", "examples": ["12500.00"]}),
    PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="json"),
]
AmountOut = Annotated[
    Decimal,
    PlainSerializer(lambda v: f"{v:.2f}", return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "examples": ["12500.00"]}),
]
