"""The words of the red-flag detector: symptom phrases, context phrases and word lists.

Data only; `safety.red_flags` compiles the patterns into spaCy `Matcher` rules.
"""

from __future__ import annotations

import re

# --- Pattern language -----------------------------------------------------------------------
# A pattern is a line of slots separated by spaces; a slot lists word forms separated by "|" and
# matches a token whose lemma is one of them (each form is lemmatised when the pattern is built,
# so "swallowing", "swallowed" and "swallow" are the same slot). "=a|b" matches these exact forms
# only ("gone", not every form of "go"). "slot?" is optional. "@NAME" inserts a word group below
# (one or more slots). "~N" is a gap of up to N words within the clause, none of them a negation
# ("food keeps getting stuck"). A last slot "!a|b" means: the word right after the phrase must
# not be one of these ("can't talk to my doctor" is not a speech problem).
# Each category lists exact phrasings first, then loose ones: a key word near a distress word.

WORD_GROUPS: dict[str, str] = {
    "BREATHE": "breathe|breath|breathing|breth|brethe|breathin|breate|breahte|breating|breat",
    "SWALLOW": "swallow|swallowing|swalow|swalowing|swollow|swollowing|swallw|swallo|swalloing",
    "SPEAK": "speak|talk|speech|speaking|talking|tlk|spek",
    "TROUBLE": "trouble|difficulty|difficulties|difficult|hard|problem|issue|struggle|struggling"
    "|painful|tough|impossible|trble|truble|dificulty|difficulity",
    "TROUBLE_NOUN": "trouble|difficulty|difficulties|problem|problems|issue|issues",
    "HARD": "hard|harder|difficult|labored|laboured|shallow|tough|impossible|painful|weird|=worse"
    "|off|wrong|strange|funny|heavy|bad",
    "NOT_RIGHT": "be|feel|sound|seem not|n't|n’t|nt right|normal|ok|okay",  # "isn't right"
    "CANT": "can|could|ca|cant|cannot not|n't|n’t|nt|barely|hardly|scarcely|no"
    " i|he|she|we? longer|even|really|just|quite|actually?",  # also "why can't I swallow"
    "TO": "to|2",  # "hard 2 breathe"
    "VERY": "very|really|so|too|all|a|bit|little|lot|more|much|super|kinda|kind|of|getting|barely"
    "|only|still",
    "SWELL": "swell|swelling|swollen|swelled|puffy|puff|balloon|ballooning",
    "TINGLE": "tingling|tingly|numb|itchy|itching|huge|big|thick|fat|red|hot",
    "WEAK": "weak|limp|floppy|jelly|noodles|rubber",
    "DROOP": "droop|droopy|drooping|sag|saggy|sagging",
    "DROOPING_PART": "eyelid|eyelids|lid|lids|eye|eyes|face|mouth",
    "SWALLOWED": "food|pills|pill|water|drink|drinks|liquid|liquids|it|anything|they|meds",
    "ODD_VOICE": "weird|strange|funny|different|slurred|weak|=gone|off|garbled|=going|hoarse|drunk"
    "|whisper|faint|quiet|mushy|slurry|thick|muffled|mumbled",
    "FACE": "face|lip|lips|tongue|throat|mouth|eye|eyes|eyelid|eyelids|cheek|cheeks",
    "LIMB": "arm|arms|leg|legs|hand|hands|limb|limbs",
    "RELATIVE": "mum|mom|mother|dad|father|husband|wife|partner|son|daughter|gran|granny|grandma"
    "|grandad|grandpa|grandmother|grandfather|brother|sister|nan|aunt|uncle|friend|neighbour",
    "INTENT": "want|wanna|going|gonna|plan|planning|urge|feel|keep|ready|think|thinking|been"
    "|start|thought|thoughts"
    " about|of|to|like?",
    "NO_REASON": "not|no|nothing see|find|have? a|any|the? reason|point to|in|of?",
    "DISTRESS": "hard|harder|difficult|difficulty|struggle|struggling|trouble|problem|problems"
    "|impossible|weird|strange|wrong|=worse|barely|hardly|tight|blocked|stuck|forever|labored"
    "|laboured|noisy|noise|straw|panic|scary",
    "BREATH_KEY": "breathe|breath|breathing|breathes|air|airway|lungs|breth|brethe",
    "SWALLOW_KEY": "swallow|swallowing|swalow|saliva|spit|drool|drooling",
    "SPEECH_KEY": "voice|speech|talk|talking|speak|speaking",
    "BE": "be|is|are|am|was|were|'s|'re|'m",  # "'s" has the lemma "have" in the lookup table
    "PILLS": "pills|meds|tablets|medication|medicine|medications|relaxants|painkillers|sleeping"
    "|tramadol|codeine|morphine|oxycodone|opioids|paracetamol|baclofen|diazepam|valium",
}

# Words after "don't wake (up)" that make it ordinary: "I hope I don't wake up with a stiff neck"
NOT_WAKING_ON = " !up|so|with|in|feeling|early|sore|stiff|during|before|like|every|because"

SYMPTOM_PATTERNS: dict[str, list[str]] = {
    "self_harm": [
        "kill|killing myself|meself|mysef !with|over|laughing|trying|doing|for|at",
        "kill|killing my self",
        "kms",
        "suicide|suicidal|suicidel|sucidal|suicde|suicdal",
        "self -? harm|harming|harmed",
        "@INTENT hurt|harm|cut|cutting|hurting|harming|injure myself|meself",
        "want|wanna|wish|ready to? die|dead !of|laughing",  # not "die of embarrassment"
        "wish i|we @BE|was|were dead",
        "end|ending it all",
        "want|wanna|going|gonna|plan|ready to? end it|things|everything",
        "done|tired with|of? life|living",
        "@INTENT to? overdose|od",
        "nobody|noone would|will? care|notice|miss me? if i die|died|disappeared|be|was",
        "want|wanna it all? to end",
        "end|take|ending|taking my own? life",
        "not want|wanna to? live|exist",
        "not want|wanna to? @BE alive",
        "@NO_REASON live|living|exist|existing",
        "@NO_REASON keep|keeping going|living",
        "@NO_REASON go|going|carry|carrying on",
        "point of|in living|life|existing",
        "nothing to live for",
        "better off dead",
        "better off? without me",
        "not want|wanna to? wake up",
        "@INTENT to? disappear|vanish forever",
        "life @BE? not|n't|nt|isnt worth living|it",
        "not worth living",
        "as well @BE dead",
        "as well die",
        "@INTENT to? jump off|from",
        "@INTENT to? step|stepping off !the|a|at|of|bus|train|plane|stage|treadmill|scale|scales",
        "@INTENT to? step|stepping|jump|jumping off|from|over the|a|my? edge|ledge|balcony|roof"
        "|bridge|cliff|platform|building",
        "think|thinking|thought|dream|dreaming about|of not|never wake|waking up",  # not fainting
        "rather @BE dead",
        "rather die !than",
        "not want|wanna to? @BE here anymore",
        "about|of just? ending it|things|everything",
        "@CANT go on !holiday|vacation|trip|a|the|my|with|for|to|about|long|hold",
        "take|taking all my? @PILLS at once",
        "@INTENT to? take|taking|swallow|swallowing|overdose all|every|whole|handful|lot|lots|load"
        "|loads|bottle|box|pack|packet|bunch ~3 @PILLS",  # not "going to take my pills now"
        "overdose|od on my? @PILLS",
        "take|taking an overdose",
        "goodbye|suicide letter|letters|note|notes",
        "kill|killing himself|herself|themselves|themself",
        "hurt|harm|cut|cutting|burn|burning|hurting|harming|injure himself|herself|themselves",
        "cut|cutting|burn|burning|slash|slashing my|his|her arms|arm|wrists|wrist|legs|skin",
        "until|till it|they|i bleed|bleeds|bled",
        "end|take|ending|taking|finish|finishing his|her|their own? life",
        "finish|finishing my own? life",
        "wish|wishes|wished|wishing i|he|she|we|they @BE|was|were dead",
        "better|easier|best off? if i|he|she @BE|was|were|am dead|gone",
        "cut|cutting|burn|burning|harm|harming|hurt|hurting again",
        "not|n't|nt|wont|won't be around|here by|for|next",
        "over|end|ended|gone permanently|forever",
        "lethal|deadly|fatal dose|amount|overdose",
        "my last message|messages|words|goodbye|post"
        " !was|were|is|be|'s|said|says|did|didn't|came|got|may|might|should|sounded|about|again",
        "tell|let my|them ~2 i @BE|i'm|im sorry",
        "imagine|imagining|picture|picturing|plan|planning my own? funeral",
        "edge of the|a roof|bridge|cliff|building|platform",
        "how many ~3 @PILLS ~4 take|kill|need",
        "on purpose ~3 hurt|harm|pain|stop",
        "better|easier off? without me",
        "never wake|waking up",
        "sure i|he|she do|does|wo|will|would? not|n't|nt|never wake|waking up"
        " !the|my|his|her|him|them|everyone|anyone|baby|kids",
        "would|wouldnt|wouldn't not|n't|nt? wake up ~3 morning|again|anymore",
        "not|n't|nt worth staying|being|keeping alive|here",
        "how to|i|he|she would|could|might end|kill it|myself|things|everything",
        "@PILLS saved|stored|hidden|stockpiled|stashed",
        "give|gave|given|giving away my dog|cat|pets|dogs|cats",
        "found|find|finding a new home|homes for my dog|cat|pets|dogs|cats",
        "save|saving|saved|count|counting|hoard|hoarding|stockpile|stockpiling|collect|collecting"
        " my|his|her|the|up? @PILLS",
        "way|ways|how to overdose|od|die",
        "stood|standing|stand|sat|sitting on|at the|a bridge|ledge|cliff|roof",
        "garage ~5 car|engine running|on",
        "@INTENT drive|driving|crash|crashing into|off a|the? wall|tree|bridge|cliff|lorry|truck",
        "stop|end|be over for good|forever !the|a|and",
        "see no future",
        "not|n't|nt see a|any future",
        "give|giving|gave away my|his|her|their things|stuff|belongings|possessions",
        "say|said|saying|says my|his|her|our|their goodbyes",
        "i @BE not|n't|nt safe !to|for|driving|at|in|on|with|if|when|because|yet",
        "give|gave|giving|given|hand|handed me|us|her|him|them ~4 and? said|saying|says|told me|us?"
        " he|she|they wo|will not|n't|nt need|needing it|them|this|that|these|those",
        "how many ~3 @PILLS would|will|is|be|are|'s|'d? ~2 too many|much",
        "hope|hoping|pray|praying|wish i|he|she do|does|wo|will|would|did? not|n't|nt|never|wouldnt"
        " wake|waking up" + NOT_WAKING_ON,
        "just|really|only want|wanna out !of|now|there|here|for|to|the|tonight|today|early",
        "want|wanna out for good|properly|permanently|forever",
    ],
    "breathing": [
        "@TROUBLE time? with|in|when|@TO? my|the? @BREATHE",
        "@BREATHE @TROUBLE_NOUN",
        "@BREATHE @BE|feel|get|become|go @VERY? @VERY? @HARD",
        "@CANT @BREATHE !a|word",  # not "can't breathe a word of this"
        "unable|struggle|fight|fighting @TO @BREATHE",
        "not able @TO @BREATHE",
        "short|shortness of @BREATHE",
        "breath @BE|feel|get|come @VERY? short|shallow",
        "out of breath",
        "airway @BE|feel|get @VERY? blocked|closing|closed|tight|swollen",
        "@BREATHE @NOT_RIGHT",
        "drown|drowning",
        "breathless|breathlessness|winded|wheeze|wheezing|suffocate|suffocating|gasp|gasping",
        "@CANT get|catch enough? my? air|breath",
        "@TROUBLE @TO? catch|catching|get|getting enough? my? breath|air",
        "@CANT ~5 @BREATH_KEY !a|word",
        "@BREATH_KEY ~4 @DISTRESS",
        "@DISTRESS ~4 @BREATH_KEY",
        "lips|lip|face|skin|fingers ~2 blue|purple|grey|gray",
    ],
    "swallowing": [
        "@TROUBLE time? with|in|when|@TO? my|the? @SWALLOW",
        "@SWALLOW @TROUBLE_NOUN",
        "@SWALLOW @BE|feel|get|become|go @VERY? @VERY? @HARD",
        "@CANT @SWALLOW",
        "unable|struggle @TO @SWALLOW",
        "not able @TO @SWALLOW",
        "choke|choking|chocking|chokin !hazard|hazards|game|back|up",
        "stuck in my|the? throat",
        "come|comes|coming back? out of? my|the? nose",
        "dysphagia",
        "aspirate|aspirating|aspiration",
        "@SWALLOWED wo|will|do|does|ca|can? not|n't|nt go|going down",
        "@CANT get|keep @SWALLOWED|my @SWALLOWED? down",
        "@SWALLOW @NOT_RIGHT",
        "cough|coughing|choke|gag|gagging when|every|whenever|after time? i? try|trying? to? drink"
        "|eat|swallow",
        "gag|gagging",
        "down the wrong way|pipe|tube",
        "@TROUBLE time? get|getting|keep|keeping @SWALLOWED down",
        "hurt|hurts|painful|pain to|when i? @SWALLOW",
        "@SWALLOW_KEY ~4 @DISTRESS|stick|sticks|choke|cough",
        "@DISTRESS|stick|sticks|choke|cough ~4 @SWALLOW_KEY",
        "@SWALLOWED ~3 stick|sticks|stuck",
        "stick|sticks|stuck halfway|partway|half-way down?",
        "go|goes|going|went down wrong",
        "@CANT drink|eat|swallow without? ~2 cough|coughing|choke|choking|gag|gagging",
        "@CANT ~8 without choke|choking|gagging|coughing|spluttering",  # not a negation
        "eating|drinking @BE|feel|get @VERY? impossible|difficult|hard",
    ],
    "speech": [
        "@TROUBLE time? with|in|when|@TO? my? @SPEAK !to|with|about|on|for",
        "@SPEAK @TROUBLE_NOUN",
        "@CANT @SPEAK properly|clearly|normally|right|well? !to|with|about|on|for|now",
        "unable|struggle to @SPEAK !to|with|about|on|for",
        "slur|slurr|slurring|slurred",
        "hoarse|hoarseness|raspy",
        "speech|voice @BE|sound|get|go|feel @VERY? @VERY? @ODD_VOICE",
        "speech|voice @NOT_RIGHT",
        "@CANT understand me|what",
        "lose|lost|losing my voice",
        "@CANT get my? word|words out",
        "word|words @BE|do|does? not|n't|nt|wo|wont? come|coming out?",
        "not able @TO @SPEAK clearly|properly|normally|well?",
        "speech @BE? not|n't|nt clear",
        "@TROUBLE to? get|getting my|the? word|words out",
        "word|words @BE? come|coming? out? @VERY? jumbled|slurred|wrong|garbled|weird|funny|mixed",
        "jumbled|garbled|mixed speech|word|words",
        "mumble|mumbling",
        "@SPEECH_KEY ~4 @DISTRESS|nasal|whisper|quiet|slurry",
        "@DISTRESS ~4 @SPEECH_KEY",
        "voice ~2 cut|cutting|cuts|give|giving|gave out|way",
        "my|his|her|the voice @BE|has? just|suddenly|completely|totally?"
        " =went|gone|disappeared|vanished !away|back|up|down|to|into|through|hoarse|quiet|and",
    ],
    "weakness": [
        "weak|weakness all? over|everywhere",
        "too weak to !turn|look|rotate",
        "@CANT hold|lift|keep|support my|his|her|the? head up",
        "head ~3 flop|flops|flopping|flopped|fall|falls|falling|drop|drops|dropping forward",
        "generalized|generalised|general|overall|total|body weakness",
        "whole|entire body @BE|feel|go|get? @VERY? weak|weakness|limp",
        "@LIMB and? @LIMB? @BE|feel|go|get @VERY? @VERY? like? @WEAK",
        "weak|weakness in my|the? @LIMB|body",
        "weakness|weak @BE? spread|spreading|moving",
        "weakness ~2 =worse|spreading|spread|moving",
        "weak ~2 can|could|ca not|n't|nt|barely|hardly stand|walk|move|get",
        "@LIMB ~2 give|giving|gave way|out",
        "spread|spreading weakness",
        "@CANT lift|raise|move|hold my? @LIMB",
        "weak|weakness|wobbly|limp ~4 @LIMB|shoulder|shoulders|body|stand|walk|standing|walking",
        "@LIMB|grip ~3 weak|weakness|wobbly|limp|heavy",
        "@CANT lift|hold|carry a|my|the? plate|cup|kettle|glass|mug|fork|spoon|bag|phone|bottle",
    ],
    "drooping": [
        "@DROOP @DROOPING_PART",
        "@DROOPING_PART @BE|feel|start|keep|get? @VERY? @DROOP",
        "@DROOPING_PART wo|will|do|does|ca|can? not|n't|nt stay|keep|lift|open",
        "eyelid|eyelids|lid|lids fall|fell|falling|drop|dropped|dropping|hang|hanging",
        "eyelid|eyelids|lid|lids @BE|feel @VERY? @VERY? heavy",
        "ptosis",
        "@CANT keep|hold my? eye|eyes|eyelid|eyelids open",
        "eyelid|eyelids|lid|lids|eye ~3 hang|hanging|droop|drooping|down|sag|sagging",
        "eyelid|eyelids|lid|lids ~3 close|closing|shut",
        "lift|hold|open my? eyelid|eyelids|lid|lids",
    ],
    "vision": [
        "double|blurred|blurry|blur|fuzzy|blury vision|sight",
        "see|seeing double",
        "see|seeing|sees two|2 of everything|me|you|him|her|them|things|everyone",
        "see|seeing|sees two|2 tvs|images|faces|people|things|lines|cars",
        "see|seeing|sees everything|things|everyone|it two|2|three|3 times|time",
        "see|seeing|sees everything|things|everyone|it twice",
        "vision @NOT_RIGHT",
        "eye|eyes @BE|feel|go|get|look @VERY? blurry|blurred|fuzzy|blury",
        "vision @BE|get|go|feel @VERY? blurry|blurred|blur|fuzzy|double|weird|blury",
        "everything|things look|be|go|seem @VERY? blurry|blurred|double|doubled|fuzzy|blury",
        "look|looks|seem|appear @VERY? double|doubled|blurry|blurred|fuzzy|blury",
        "see|seeing|vision|sight|eyes ~3 double|blurry|blurred|cloudy|fuzzy|blur|dim",
    ],
    "allergic_reaction": [
        "@FACE @BE|get|start|keep|look|feel|go? @VERY? @SWELL",
        "@FACE @BE|get|start|keep|look|feel|go? @VERY? @TINGLE and? @SWELL",
        "tongue|throat @BE|feel|get @VERY? thick|huge|heavy|fat",
        "@FACE @BE|feel|get|go|look @VERY? huge|thick|fat|enormous",
        "@SWELL of|in|on? my|the? @FACE",
        "hive|hives|welt|welts",
        "@FACE blow|blew|blown|blowing up",
        "itchy|itching bumps|lumps|welts|rash",
        "rash|bumps all? over|everywhere",
        "anaphylaxis|anaphylactic|anaphalaxis|anafylaxis|anaphylaxsis|anaphylatic",
        "allergic|allergy reaction|attack|reacton",
        "throat @BE|feel|start|get|keep? @VERY? close|closing|tight|tighten|tightening|weird|funny"
        "|blocked|closed|narrow",
        "throat feel|feels like it|its @BE? close|closing",
        "close|closing up? my|the? throat",
        "@FACE ~3 @SWELL|big|huge",
    ],
    "fainting": [
        "faint|fainted|fainting|faints !smile|line|lines|hope|idea|memory|sound|light|smell|taste"
        "|scar|mark|chance|trace",
        "pass|passed|passing|passes out",
        "black|blacked|blacking|blacks out !the|a|an|those|these|them|it|all|names|dates|windows",
        "everything|it|world|vision|room|screen @BE|go|goes|went|going|turn|turned|turns @VERY?"
        " black|dark|grey|gray",
        "collapse|collapsed|collapsing|collapses",
        "lose|lost|losing consciousness",
        "unconscious|unresponsive|unrousable|unconcious",
        "@CANT wake|rouse|waken him|her|them|my|up",
        "not|n't|nt respond|responding|rousable",
        "not|n't|nt waking|wake up?" + NOT_WAKING_ON,
        "hard|difficult|impossible to wake|rouse",
        "drift|drifting|drifts in and out",
        "keep|keeps|kept nodding|drifting off",
        "woke|wake|waking|came|come|coming to? up? on the floor",
        "found|find|finding him|her|them on the floor|ground",
        "found|find|finding my @RELATIVE on the floor|ground",
        "@VERY? drowsy and|but? confused|groggy",
    ],
    "chest_pain": [
        "chest pain|pains|hurt|hurts|ache|tightness|pressure|tight",
        "pain|pains|tightness|pressure|ache in|on my|the? chest",
        "chest @BE|feel|get|have|keep? been? @VERY? tight|heavy|painful|sore|hurt|hurting|aching"
        "|killing",
        "sit|sitting|weight|pressing|crushing|elephant|something on my|the? chest",
        "heart attack",
        "chest ~3 pain|hurt|hurts|crush|crushing|pressure|tight|heavy|squeeze|squeezing|ache",
        "pain|crushing|pressure|tightness|heavy|squeezing|ache ~5 chest",
        "clutch|clutching|clutches|grab|grabbing|grabs|hold|holding|holds my|his|her chest",
        "band|belt ~3 squeeze|squeezing|around ~3 chest",
    ],
}

# Context phrases (same pattern language). "resolved": an event is in the past and over.
# "history": told in the past tense, an event with these is over too: a time it lasted ("I had a
# hoarse voice for 2 days") or a question whether the treatment can go ahead ("she had hives once,
# can she get botox?"). "general": a question about risks, not a report. "novelty": a negation
# that says the symptom is new ("I've never had chest pain like this"). "ability": "I can breathe,
# I can swallow": like a negation, only a model all but sure overrules it. "denial": the writer says
# plainly they are safe ("I'm not in a crisis", "not in a dark way, just guilty"); like a negated
# self-harm phrase, it keeps the model's self-harm opinion from flagging the message on its own.
CUE_PATTERNS: dict[str, list[str]] = {
    "ability": [
        "i|she|he|they|we can|could still? breathe|swallow|talk|speak|see|walk",
    ],
    "denial": [
        "not|n't|nt|never in|having a crisis",
        "not in a dark|bad way",
        "not|n't|nt|never going|gonna to? do anything stupid|silly|drastic|daft",
        "no|not thoughts|thinking of|about hurting|harming|ending|killing",
    ],
    "history": [
        "for a|an|one|few|couple|2|3|two|three|several|some? of? day|days|week|weeks|hour|hours"
        "|while|afternoon|evening|morning|night|moment|second|seconds|minute|minutes",
        "can|could|should|may i|she|he|we|they still? get|have|receive|continue|start|keep|take"
        " botox|injections|injection|treatment|shots|it|the|another|more",
        "be it still? safe|ok|okay|possible",
        "be botox still? safe|ok|okay|an",
    ],
    "general": [
        "risk|risks|chance|chances|common|rare|likely|possible|possibility|usually|often|frequent",
        "happen|study|studies|research|evidence|statistics|information|info|leaflet|label|insert",
        "side effect|effects",
        "how long|soon|often|common|likely",
    ],
    "novelty": [
        "like this|that",
        "this|so bad",
        "before ,? now|but|and|until|today",
    ],
    "resolved": [
        "even normally|usually",
        "all|whole my? life",
        "since childhood",
        "go|went away",
        "=gone",
        "resolve|resolved",
        "clear|cleared up",
        "better|fine|ok|okay|good|normal now",
        "=is|'s|am|are|'m|'re|was|be|im|been fine",
        "=been ok|okay|good|great|normal since|ever",
        "recover|recovered",
        "last year|time|round|month",
        "year|years|decade|decades|ages ago",
        "long time ago",
        "use|used to",
        "in the past",
        "as a child|kid|teenager",
        "previous|previously",
        "not anymore",
        "turn|turned out",
        "back then",
        "back to normal",
        "settle|settled down?",
        "never happen|happened again",
        "=came|=come back",
        "stop|stopped|calm|calmed after|down",
        "never came|come back",
        "=fine|=ok|=okay after",
        "totally|completely fine|ok|okay|normal",
        "last week|summer|winter|spring|autumn|fall",
        "with|from laughter|laughing|excitement|joy",
        "lol|haha|hahaha|lmao",
        "jk|j/k",
        "just kidding|joking",
        "red tape",  # figures of speech: "choking on red tape"
        "pill to swallow",  # "a hard pill to swallow"
        "double chin|chins",
        "in|on|with paperwork|bureaucracy|admin|forms",  # not "can't breathe, was doing paperwork"
    ],
}

# Texting spellings, spelled out before matching ("hard 2 breathe", "cnt swallow").
TEXTING: dict[str, str] = {
    "cnt": "can't",
    "cant": "can't",
    "cud": "could",
    "cudnt": "couldn't",
    "dnt": "don't",
    "u": "you",
    "ur": "your",
    "r": "are",
    "rly": "really",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "pls": "please",
    "plz": "please",
}
TEXTING_PATTERN = re.compile(r"\b(?:" + "|".join(map(re.escape, TEXTING)) + r")\b")

# --- Context word lists (compared with a token's lower-case form and its lemma) ---------------
# "nearly" and "almost" too: "I nearly choked laughing" did not happen
NEGATIONS = frozenset(
    "no not n't n’t never without none deny denies nor neither nothing nearly almost".split()
)
# Words allowed between a negation and the symptom it negates ("not having any trouble ...").
NEGATION_FILLERS = frozenset(
    "have be get feel experience notice any much really real serious major sign symptom of a an"
    " the more further new actually yet ever such longer currently so far 'm 've had been"
    " at".split()
)
INTENSIFIERS = frozenset("this so".split())  # "never been this weak": new, not absent
COORDINATIONS = frozenset("or nor".split())  # "no double vision or blurry vision"
CONJUNCT_LENGTH = 4  # words of the first conjunct a negation carries over
SUBJECTS = frozenset("i my we our he she his her this".split())
PRONOUNS = frozenset("i we he she".split())  # a subject inside the phrase: "why can't I swallow"
STOPPING = frozenset("stop ease relieve".split())  # "how do I stop choking": it is happening
MODALS = frozenset("can could will would might may should shall must 'll 'd".split())
CONDITIONALS = frozenset("if whether case suppose supposing imagine assuming".split())
CAUSATIVES = frozenset("make cause give let".split())  # "can it make my voice sound weird"
INVERTING = MODALS | CAUSATIVES | frozenset("do does did".split())  # "could I have ...?"
EPISTEMIC = frozenset("sure know wonder unsure check see".split())  # "not sure if I'm ..."
EPISTEMIC_MODALS = frozenset("can could might may must".split())  # "could this be ...": now
SENSES = frozenset("feel see tell notice hear sense".split())  # "I can feel my throat closing"
PAST_FORMS = frozenset("had was were did used went got became felt gave saw woke".split())
PERFECT = frozenset("have has".split())  # "I've had trouble swallowing since Monday": ongoing
FEARS = frozenset(
    "afraid worry worried scared fear nervous concern concerned terrified frightened anxious"
    " panic".split()
)
FEARED = frozenset("of about that to for".split())  # "scared of getting ...", not "scared and"
BEFORE_WORDS = frozenset("before until till til".split())  # "was fine before": not over
ONGOING = frozenset(
    "since still again worse worsening".split()
)  # "since my last round I can't swallow"
HYPOTHETICAL = (
    MODALS
    | CONDITIONALS
    | CAUSATIVES
    | FEARS
    | frozenset(
        "risk chance possible possibility likely lead happen read hear wonder what how why"
        " which who case watch warn want avoid prevent hope expect mention list describe"
        " include".split()
    )
)
ANAPHORA = frozenset("it that".split())
# Words one of which a self-harm message holds, however indirect ("I've written a note", "I won't
# be around"): the learned model's self-harm flag needs one (lemmas and lower-case forms).
SELF_HARM_WORDS = frozenset(
    "die dying dead death kill suicide suicidal harm hurt cut cutting burn bleed overdose od pill"
    " pills tablet tablets meds medication relaxant painkiller life live living alive exist wake"
    " sleep end ending over gone go disappear vanish burden point anymore bother goodbye bye note"
    " letter jump bridge rope car drive wall train tracks hang forever permanently good plan"
    " decide decided done tired stop away weapon knife gun blade kms unalive worth here around"
    " anyone nobody everyone better myself himself herself themselves".split()
)  # "trouble swallowing: how long does it last?"
QUESTION_OPENERS = MODALS | frozenset(
    "is are do does what how why which who when where tell explain".split()
)
GREETINGS = frozenset("so and also ok okay hi hey hello but um well".split())
SENTENCE_ENDS = frozenset(".!?;…")
CLAUSE_WORDS = frozenset("but and though although however while because".split())
WINDOW = 40  # tokens of context looked at on each side of a phrase
