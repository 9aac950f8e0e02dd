"""The English words the statement rules ask for, and the unions of them the rules need."""

from pipeline.lang import language_pack

EN = language_pack("en")
# People by role or occupation ("the striker"), and organisations by kind ("the carmaker", "the newspaper").
PERSON_NOUNS = EN.person_role_nouns | EN.occupation_nouns
ORGANISATION_NOUNS = EN.organisation_nouns | EN.business_nouns | EN.observer_nouns
# Nouns for whoever can be a source: a person, an organisation, its members, a public body.
SOURCE_NOUNS = PERSON_NOUNS | ORGANISATION_NOUNS | EN.member_nouns | EN.body_nouns
