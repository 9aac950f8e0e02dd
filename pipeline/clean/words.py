"""The English words and patterns cleaning asks for (`pipeline/lang/en`)."""

from pipeline.lang import language_pack

EN = language_pack("en")
