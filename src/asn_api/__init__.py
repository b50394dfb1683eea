"""ASN API: arranging and developing the civil servants of Kota Binjai."""

__version__ = "0.1.0"
