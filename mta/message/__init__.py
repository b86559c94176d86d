"""Message parsing: the MIME structure and envelope cached for every stored message."""

from mta.message.structure import Address, Envelope, Part, decode_text, decode_words, message_ids, parse

__all__ = ["Address", "Envelope", "Part", "decode_text", "decode_words", "message_ids", "parse"]
