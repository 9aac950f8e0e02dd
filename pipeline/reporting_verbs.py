"""Small lexicons of general English used to find and attribute reported speech.

They describe the language, not any article: reporting verbs, nouns that name a person by role, nouns that name
an institution, and capitals that stand for their country when they "speak" (metonymy: "Moscow denies ...").
"""

# Lemmas of verbs that report speech or writing. Verbs of belief or wish (think, want, hope, fear) are left out on
# purpose: the dataset records what was said, not what someone is said to feel. "precise" (spaCy: "precis") is how
# machine translation renders French "préciser" ("has precised the agency").
REPORTING_VERB_LEMMAS = frozenset({
    "accuse", "acknowledge", "add", "admit", "advise", "affirm", "agree", "allege", "announce", "answer", "argue",
    "ask", "assert", "assure", "beg", "blog", "boast", "brief", "call", "caution", "chant", "charge", "cite",
    "claim", "comment", "complain", "concede", "conclude", "confirm", "contend", "contradict", "counter", "declare",
    "demand", "deny", "describe", "disclose", "dismiss", "emphasise", "emphasize", "estimate", "explain",
    "forecast", "highlight", "hint", "implore", "indicate", "inform", "insist", "joke", "lament", "maintain",
    "mention", "note", "observe", "opine", "plead", "pledge", "point", "post", "precis", "precise", "predict",
    "proclaim", "project", "promise", "propose", "protest", "quip", "reaffirm", "recall", "recognise", "recognize",
    "recommend", "reiterate", "reject", "remark", "repeat", "reply", "report", "respond", "retort", "reveal",
    "rule", "say", "shout", "signal", "specify", "speculate", "state", "stress", "suggest", "tell", "testify",
    "threaten", "tweet", "underline", "underscore", "urge", "vow", "warn", "write",
})

# Reporting verbs that also describe what things show or imply ("the figures suggest", "the move signals", "the
# plan calls for"): their subject must be a person or an institution to count as a source. Every other reporting
# verb only describes speech or writing, so any noun subject speaks ("his son said", "the 30-year-old told",
# "a statement by the club said").
INFERENCE_VERB_LEMMAS = frozenset({
    "agree", "call", "confirm", "contradict", "demand", "deny", "estimate", "forecast", "highlight", "indicate",
    "point", "predict", "project", "promise", "recommend", "reveal", "rule", "signal", "suggest", "threaten",
    "underline", "underscore",
})

# Reporting verbs whose bare noun-phrase object is itself the reported content ("stressed Washington's
# readiness", "denied the accusations", "urged Russia to ...", "pledged to take action"). For "say"/"tell" an
# object alone ("said nothing", "told reporters") is not content, so those need a clause; so do "confirm", "reject"
# and "dismiss", whose objects are mostly deals and bids, i.e. actions rather than words.
OBJECT_CONTENT_LEMMAS = frozenset({
    "accuse", "affirm", "ask", "beg", "demand", "deny", "emphasise", "emphasize", "highlight", "implore", "pledge",
    "promise", "reaffirm", "reiterate", "stress", "threaten", "underline", "urge", "vow", "warn",
})

# Verbs that attribute a quote only when used bare right after it ("“...,” she continued", "“...,” the statement
# read"); with an object or complement they report nothing ("prices continued to rise", "he read the book").
BARE_CUE_LEMMAS = frozenset({"continue", "read"})

# Verbs that report a characterisation through "as" ("dismissed the claims as baseless", "described the call as
# improper"): with an "as" phrase, the object and that phrase are the content; without one they report nothing.
CHARACTERISATION_LEMMAS = frozenset({
    "assail", "blast", "brand", "characterise", "characterize", "condemn", "criticise", "criticize", "decry",
    "denounce", "describe", "dismiss", "hail", "label", "praise", "reject", "slam",
})

# Reporting verbs that take a clause but no object of their own: a noun phrase after one, followed by a verb, is
# the subject of the reported clause, whatever the parser says ("said more than 15,000 people registered").
CLAUSE_ONLY_LEMMAS = frozenset({
    "acknowledge", "add", "admit", "announce", "argue", "claim", "concede", "confirm", "contend", "declare",
    "estimate", "explain", "insist", "maintain", "note", "predict", "reveal", "say", "state", "suggest",
})

# Nouns for a piece of research whose author speaks through it ("a report by Demos says", "figures from the ONS
# show", "the study found").
RESEARCH_NOUNS = frozenset({
    "analysis", "audit", "data", "estimate", "figure", "finding", "forecast", "inquiry", "poll", "report", "research",
    "review", "statistic", "study", "survey",
})

# Nouns that name a report by someone ("Trump's announcement that ..."): with the speaker as possessive and a
# that-clause, they attribute the clause like a reporting verb.
REPORTING_NOUN_LEMMAS = frozenset({
    "acknowledgement", "admission", "announcement", "assertion", "assurance", "claim", "declaration", "denial",
    "insistence", "pledge", "prediction", "promise", "remark", "statement", "suggestion", "vow", "warning",
})

# Nouns for the medium of a report ("issued a statement saying ...", "in a letter warning ..."): whoever issues it
# speaks.
REPORT_MEDIUM_NOUNS = frozenset({
    "announcement", "communique", "declaration", "email", "letter", "message", "note", "post", "release", "statement",
    "tweet",
})

# Nouns whose that-clause is their own content, not the content of a report around them ("denied reports that
# ...", "in response to claims that ...").
CONTENT_NOUN_LEMMAS = frozenset({
    "accusation", "allegation", "belief", "claim", "concern", "evidence", "fact", "fear", "hope", "idea", "news",
    "notion", "possibility", "report", "rumour", "rumor", "sign", "speculation", "suggestion", "view",
})

# Reporting verbs whose object is the person addressed: with a to-infinitive after it, that is what the person is
# told to do ("told England to stop whingeing").
ADDRESSEE_LEMMAS = frozenset({"advise", "tell"})

# Reporting verbs of asking: what they introduce with "whether", "how", "about" ... is a question put, not something
# said.
QUESTION_LEMMAS = frozenset({"ask"})
QUESTION_OPENERS = frozenset({"whether", "if", "how", "what", "why", "when", "where", "who", "whom", "which", "about"})

# Verbs that also name things ("calls it a disaster"): only "call for"/"call on" introduces content.
PREPOSITION_ONLY_CONTENT_LEMMAS = frozenset({"call"})

# "made it clear that ...": a light verb plus one of these adjectives reports speech.
LIGHT_VERB_CUE_ADJECTIVES = frozenset({"clear", "plain", "known"})

# Nouns that refer to a person by role; a description headed by one ("the Norwegian politician") names a person.
PERSON_ROLE_NOUNS = frozenset({
    "analyst", "judge",
    "adviser", "advisor", "ambassador", "boss", "ceo", "chair", "chairman", "chairwoman", "chancellor",
    "chief", "coach", "commander", "commissioner", "councillor", "deputy", "diplomat", "director", "economist",
    "envoy", "executive", "expert", "founder", "general", "governor", "head", "leader", "lawyer", "manager",
    "mayor", "minister", "negotiator", "official", "officer", "politician", "premier", "president", "professor",
    "prosecutor", "representative", "secretary", "senator", "source", "speaker", "spokesman", "spokesperson",
    "spokeswoman", "undersecretary", "man", "woman", "player", "star", "singer", "actor", "actress", "chef",
})

# Occupations a person is introduced with ("Arsenal striker Thierry Henry", "BBC correspondent James Hardy"):
# they speak, and "the striker" is the person introduced so; but unlike the roles above they do not refer back
# to whoever spoke last (a sports report quotes a defender, then "the striker" is someone else).
OCCUPATION_NOUNS = frozenset({
    "agent", "athlete", "author", "campaigner", "captain", "columnist", "correspondent", "defender", "doctor",
    "editor", "goalkeeper", "journalist", "midfielder", "presenter", "reporter", "researcher", "scientist",
    "striker", "winger", "writer",
})
PERSON_NOUNS = PERSON_ROLE_NOUNS | OCCUPATION_NOUNS

# Roles that usually stand for someone not named anywhere ("a spokesman said"), not for the last speaker.
ANONYMOUS_ROLE_NOUNS = frozenset({
    "official", "source", "spokesman", "spokesperson", "spokeswoman", "insider", "aide", "witness", "resident",
})

# Kinds of business ("the carmaker said"): "the carmaker" is the company the article is about, and a country
# before it is its market, not its owner ("Britain's biggest bank" is not Britain).
BUSINESS_NOUNS = frozenset({
    "airline", "automaker", "bank", "brand", "carmaker", "carrier", "chain", "drugmaker", "giant", "insurer",
    "lender", "maker", "manufacturer", "operator", "producer", "retailer", "startup", "supermarket", "supplier",
})
# Kinds of organisation that mostly report on others ("X will cut jobs, the newspaper said" is not X speaking):
# they are only the organisation the article introduces with that word ("the Vedomosti newspaper", "Ofcom, the
# media watchdog").
OBSERVER_NOUNS = frozenset({
    "broadcaster", "charity", "label", "magazine", "network", "newspaper", "publisher", "studio", "watchdog",
})
# Nouns for an organisation that, with "the" and no name, mean the organisation the article is about ("the
# company said", "the Alliance stressed").
ORGANISATION_NOUNS = frozenset({
    "alliance", "association", "bloc", "club", "coalition", "company", "federation", "firm", "group", "league",
    "organisation", "organization", "union",
}) | BUSINESS_NOUNS | OBSERVER_NOUNS

# Plural nouns for the members of such an organisation ("the allies", "member states", "the two sides").
MEMBER_NOUNS = frozenset({"ally", "member", "partner", "side"})

# Nouns for public bodies; they speak ("the ministry said") but are only resolved when the phrase names whose
# body it is ("Indonesia's government"), since an article often involves several.
BODY_NOUNS = frozenset({
    "agency", "authority", "board", "body", "commission", "committee", "council", "department", "government",
    "ministry", "office", "police", "regulator", "court", "administration",
})

# Capitals used for their country's government ("Moscow denies ..."), with the names the country goes by.
CAPITAL_TO_COUNTRY_NAMES = {
    "moscow": ("Russia", "Russian Federation"),
    "washington": ("United States", "US", "U.S.", "USA", "America"),
    "beijing": ("China",),
    "kyiv": ("Ukraine",),
    "kiev": ("Ukraine",),
    "london": ("Britain", "United Kingdom", "UK", "U.K."),
    "paris": ("France",),
    "berlin": ("Germany",),
    "tokyo": ("Japan",),
    "tehran": ("Iran",),
    "ankara": ("Turkey",),
    "pyongyang": ("North Korea",),
    "seoul": ("South Korea",),
    "new delhi": ("India",),
    "delhi": ("India",),
    "rome": ("Italy",),
    "madrid": ("Spain",),
    "warsaw": ("Poland",),
    "brussels": ("European Union", "EU", "Belgium"),
    "minsk": ("Belarus",),
    "damascus": ("Syria",),
    "jerusalem": ("Israel",),
    "riyadh": ("Saudi Arabia",),
    "ottawa": ("Canada",),
    "canberra": ("Australia",),
    "dublin": ("Ireland",),
    "athens": ("Greece",),
    "budapest": ("Hungary",),
    "taipei": ("Taiwan",),
    "caracas": ("Venezuela",),
    "havana": ("Cuba",),
}

# Honorifics and the gender they mark; they are not part of a person's given names ("Mr Jackson" may be "Michael
# Jackson" but "Katherine Jackson" may not).
HONORIFIC_GENDERS = {
    "mr": "male", "sir": "male", "lord": "male", "king": "male", "prince": "male",
    "mrs": "female", "ms": "female", "miss": "female", "dame": "female", "lady": "female", "queen": "female",
    "princess": "female", "dr": None, "prof": None, "professor": None, "rev": None,
}

# Honorifics that only ever precede a person's name ("King's College" and "Lord's" are not people).
PERSONAL_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame"})

# Third-person pronouns that mark a referent's gender.
PRONOUN_GENDERS = {"he": "male", "him": "male", "his": "male", "she": "female", "her": "female", "hers": "female"}

# Pronouns by what they can refer to.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "i"})
GROUP_PRONOUNS = frozenset({"they", "them", "it", "we"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
