# ruff: noqa: E501 - patterns are data, one per line, so each reads and diffs whole.
"""The phrase patterns, as data: version them, review them, and never load them from users.

A pattern is a space-separated sequence of slots, matched against the words of a text
(lower case, apostrophes removed: "I'm" is "im", "don't" is "dont"):

    word|other|pref*   one word from the alternatives; "pref*" matches words starting "pref"
    @NAME              one word from the lexicon NAME (may be mixed: "@AGENT|teacher")
    slot?              the slot may be absent
    ~N                 up to N words of anything (N <= 4), never first or last
    !word|other        the next word is not one of these (or the text ends); consumes nothing

Each pattern is bounded: compile refuses one that could try more than 64 paths from a
start word, so matching is linear in the length of the text. Patterns are written for
recall: a false alarm costs a duty worker a minute, a miss costs far more (ADR 0012).
Change a pattern by adding or editing it here, bump VERSION, and add the phrasing that
motivated the change to phrasings.py.
"""

from __future__ import annotations

# 1: first set, written from the phrasings. 2: after reading the real NHS comments v1
# missed (assault, violence towards me, felt threatened, starved, neglect). 3: issue 15's
# new categories take their patterns from other_harm and exploitation_grooming.
VERSION = "3"

# fmt: off
LEXICONS: dict[str, str] = {
    # People a child might name as hurting them, including text-speak and family words.
    "PARENT": (
        "mum|mam|mom|mummy|mommy|mammy|mumma|mother|mums|mams|moms|mummys|dad|da|daddy|dada|"
        "father|dads|daddys|stepdad|stepdads|stepmum|stepmom|stepfather|stepmother|step|"
        "nan|nana|nanna|grandad|grandpa|grandma|granny|gran|carer|carers|foster|parents"
    ),
    "PARTNER": (
        "partner|partners|husband|hubby|boyfriend|boyfriends|bf|ex|exs|fiance|wife|girlfriend|"
        "gf|father"
    ),
    "OTHER_PERSON": (
        "he|she|they|him|her|them|hes|shes|theyre|hell|shell|someone|somebody|sum1|some1|"
        "brother|bro|sister|sis|uncle|auntie|aunty|aunt|cousin|teacher|man|men|boy|boys|"
        "lad|lads|girl|girls|kids|kid|people|guy|guys|staff|worker|keyworker|neighbour|"
        "bloke|lodger|friend|friends|mate|mates"
    ),
    "AGENT": "@PARENT|@PARTNER|@OTHER_PERSON",
    # Hitting and hurting said as a habit ("hits me") or in progress: no agent needed.
    "HIT_NOW": (
        "hits|hitz|hitts|hitting|hittin|hitin|punches|punchs|punching|kicks|kiks|kicking|"
        "kickin|slaps|slapping|slappin|smacks|smaks|smacking|smackin|beats|beating|batters|"
        "battering|hurts|hurting|hurtin|herts|hertz|chokes|choking|strangles|strangling|"
        "throttles|pushes|pushing|shoves|shoving|burns|pinches|pinching|whacks|whacking|"
        "thumps|belts|grabs|grabbing|drags|dragging|headbutts|bashes|twists|scratches"
    ),
    # The same in any tense, for use after a named agent ("my dad hit me").
    "HIT_ANY": (
        "@HIT_NOW|hit|hitt|punch|kick|slap|smack|beat|hurt|choke|strangle|push|pinch|whack|"
        "batter|hitted|hited|punched|punchd|kicked|kickd|kikd|slapped|slaped|slapt|smacked|"
        "smackd|smakd|beaten|battered|hurted|herted|hert|choked|chocked|strangled|throttled|"
        "pushed|pusht|shoved|burnt|burned|pinched|whacked|thumped|belted|grabbed|grabed|"
        "dragged|draged|headbutted|bashed|twisted|scratched|bit|kneed|stamped|elbowed"
    ),
    # Passive: "I get hit", "got battered". Leaves out "hurt" ("got hurt at football").
    "HIT_PASSIVE": (
        "hit|hitted|punched|kicked|slapped|slaped|smacked|beaten|beat|battered|choked|"
        "strangled|whacked|belted|bashed|thumped|leathered|twatted|hurted"
    ),
    "VICTIM": "me|mi|meh|mee|us|myself",
    "BODY": (
        "head|face|arm|arms|leg|legs|back|belly|tummy|stomach|neck|hand|hands|ear|ears|"
        "hair|throat|nose|eye|eyes|mouth|chest|bum|side"
    ),
    "ADULT_VICTIM": "mum|mam|mom|mummy|mommy|mammy|mother|nan|nana|gran|wife|partner|girlfriend|gf",
    "SIBLING": "sister|brother|sis|bro|baby|brothers|sisters|siblings|sibling",
    "TOUCH_NOW": (
        "touches|touchs|tuches|touchez|toches|tutches|touching|touchin|tuching|tuchin|"
        "touch|tuch|toch|strokes|stroking|rubs|rubbing"
    ),
    "TOUCH_ANY": "@TOUCH_NOW|touched|tuched|touchd|tuchd|stroked|rubbed|grabbed|grabs|grabbing",
    "PRIVATE": (
        "private|privates|privats|privat|privite|privites|privet|privets|bits|willy|willie|"
        "winky|winkie|wee|fanny|foof|minnie|noonie|bum|bottom|boobs|boob|breasts|tits|"
        "vagina|penis|pants|knickers|pussy|dick|cock|crotch|groin|nipples"
    ),
    "CLOTHES": "pants|knickers|trousers|top|bra|shorts|skirt|pyjamas|pjs|leggings|undies|nappy",
    "FEAR": (
        "scared|scard|scaird|scaired|scaried|skared|skard|scarred|sacred|scarey|scary|"
        "frightened|frightend|fritened|frighted|frighten|afraid|afriad|afrade|terrified|"
        "terrifide|terified|petrified|fear|feared|feard"
    ),
    "SAFE": "safe|saf|sayf|sfe|safte",
    "NOT": "not|dont|dnt|never|isnt|arent|aint|no|cant|nt|wont|doesnt|didnt|wasnt|werent",
    "I": "i|im|ive|id|me|we|were|us|ill",
    "SELF": "myself|meself|mself|myslef|mysef|myseld|myslf|mysel",
    "SELF_HARM_VERB": (
        "kill|kil|kll|k1ll|killing|end|ending|hurt|hurting|harm|harming|cut|cutting|cuttin|"
        "hang|hanging|drown|burn|burning|starve|starving|stab|stabbing|overdose|unalive|"
        "suffocate|poison|strangle|shoot"
    ),
    "SUICIDE": (
        "suicid*|sucid*|suicd*|suisid*|suiside*|sueside*|suiced*|suacid*|suecid*|"
        "suiscid*|sewcide*|suicde*|unaliv*"
    ),
    "WANT": "want|wanna|wana|wanted|wanting|wants|wish|wished|wishing|feel|like",
    "DIE": "die|dead|ded|died",
    "GOING": "gonna|gona|gna|going|goin|about|will|ill|wanna|want|wana|planning|plan|might",
    "RUN": "run|ran|running|runnin|runing|runs",
    "FOOD": "food|fud|dinner|tea|breakfast|brekkie|lunch|meals|meal",
    "SUBSTANCE": (
        "drugs|weed|cannabis|vapes|vape|fags|cigs|alcohol|booze|vodka|coke|crack|ket|spice|"
        "nos|balloons|pills"
    ),
    "GIFT": "@SUBSTANCE|money|cash|phone|phones|trainers|presents|gifts|lifts|stuff|clothes",
    "OLDER": (
        "man|men|guy|guys|lads|lad|boys|boy|bloke|blokes|friends|bf|boyfriend|girls|woman|women"
    ),
    "APP": (
        "online|snapchat|snap|insta|instagram|tiktok|discord|roblox|fortnite|xbox|"
        "playstation|ps5|internet|whatsapp|facebook|telegram|omegle|minecraft"
    ),
    "WEAPON": "knife|knives|blade|blades|machete|gun|guns|weapon|weapons|bat|hammer|axe",
    "ADULT_AGE": "|".join(str(n) for n in range(18, 70)),
    "SCHOOL": "school|class|bus|park|estate|playground|yard|college|kids|boys|girls|gang",
}

# Per category, the patterns; the comment above each group says what it is for.
PATTERNS: dict[str, tuple[str, ...]] = {
    "abuse_physical": (
        # "my dad hits me", "he punched me", "mums boyfriend hit me with a belt".
        "@AGENT ~3 @HIT_ANY ~1 @VICTIM",
        "@AGENT ~3 @HIT_ANY ~1 my ~1 @BODY|@SIBLING",
        # "hits me", "keeps hurting me": a habit or in progress, no agent needed.
        "@HIT_NOW me|mi|meh|mee|us",
        "beat|beats|beating|battered|batters me|us up",
        # "i get hit", "we got smacked", "getting battered at home".
        "@I|@SIBLING|both|all ~2 get|gets|got|getting|gettin|been|being|geting @HIT_PASSIVE",
        "get|gets|got|getting|gettin|geting hurt|hurted ~3 home|house|dad|dads|mum|mums|him|her",
        # "throws things at me", "pulls my hair", "hands round my neck".
        "throw*|threw|chuck*|lob* ~3 at me|us",
        "pull*|yank* ~1 my hair",
        "hand|hands|grab*|grabbed ~2 round|around|on|by my|the neck|throat",
        # "i have bruises from dad", "dad gave me a black eye".
        "bruise*|bruse*|bruze*|brusies ~4 @AGENT",
        "@AGENT ~3 gave|give|gives|left|leaves|leave me ~1 bruise*|bruse*|marks|black",
        "black eye ~4 @AGENT",
        "bruise*|bruse*|bruze*|brusies ~4 from|by|off|cos|because ~2 @AGENT",
    ),
    "abuse_sexual": (
        # "he touches me", "touchs me", "keeps touching me"; past tense needs an agent.
        "@TOUCH_NOW me|mi|us",
        "@AGENT ~2 touched|tuched|touchd|tuchd|felt|fiddled me|mi|us",
        # "touched my private", "touching me down there", "in my pants".
        "@TOUCH_ANY ~3 @PRIVATE",
        "@TOUCH_ANY ~3 down there|their",
        "hand|hands|fingers|finger ~2 in|down|under|inside|up my|me @CLOTHES",
        "@AGENT ~3 show*|showed ~2 me ~2 his|her|their @PRIVATE",
        "show*|showed|make*|made ~2 me ~2 watch|look ~3 porn|rude|naked|sex|dirty",
        "make*|made|forced|force*|tells|told me touch|tuch|suck|kiss|lick|undress",
        "make*|made|forced|force* me ~1 take ~1 off ~1 my clothes|pants|knickers|top",
        "rape*|rapist*",
        "rapped|rapping me",
        "molest*|paedo*|pedo*|peado*",
        "sexual* abus*|assault*|touch*|harass*|stuff|things",
        "sex ~1 with me",
        "forced|force*|made|make*|pressure*|pressured ~3 sex|sexual",
        "fiddle*|fiddles|fiddling ~1 with me",
        "feel*|felt me up",
        "@AGENT ~3 get*|gets|come*|came|climb*|climbed in|into my bed",
        "kiss*|kises ~1 me ~1 on the lips|mouth",
        "kiss*|kises me with ~1 tongue",
    ),
    "neglect": (
        # "no food at home", "theres never any food in the house".
        "no|never|aint|isnt|not|nothing ~2 @FOOD ~3 home|house|days|week|weekend|fridge|cupboard*|again",
        "nothing|anything ~1 to eat",
        "@NOT ~1 feed|feeds|fed !up|back",
        "@NOT ~1 give|gives|gave|make|makes|made me|us ~1 @FOOD|food",
        "@I ~2 @NOT ~1 get|got|have|had fed",
        "@I ~1 @NOT ~1 have|get|got|gets ~1 any? @FOOD !because|cos|coz|as|since|today|this",
        "hungry|hungery|hungree|starving|starvin ~3 all|always|every|everyday|home|night|bed|days",
        "always|bed|everyday ~2 hungry|hungery|hungree|starving",
        # Left alone: "mum leaves us on our own at night".
        "left|leaves|leave|leaving|leavs me|us ~1 on my|our own",
        "left|leaves|leave|leaving|leavs me|us ~1 by myself|ourselves",
        "left|leaves|leave|leaving|leavs me|us ~1 alone ~2 night|nights|days|weekend|all|overnight|hours|house|home|while|for|when",
        "home alone ~3 night|nights|days|weekend|all|overnight|again|always|every",
        "left|leaves|leave|leaving ~2 alone|own ~2 all|night|nights|weekend|days|overnight|hours",
        "nobody|noone|no1 ~1 look*|cares|care|feeds ~1 after|about|for|me|us",
        "no one ~1 look*|cares|feeds ~1 after|about|me|us",
        # Parental drink and drugs.
        "@PARENT ~3 drunk|drunks|pissed|wasted|stoned|druggie|junkie|needles|crack|heroin|smackhead",
        "@PARENT ~2 takes|taking|does|doing|on|smokes|uses drugs|coke|crack|heroin|spice|gear",
        "@PARENT ~2 drinks|drinking|drinkin ~2 too|alcohol|vodka|cans|wine|beer|lager|cider|loads|lots|again",
        "@PARENT ~2 passes|passed out",
        # Home conditions.
        "no ~1 heating|electric|electricity|gas|bed|beds|water|clothes ~3 home|house|days|weeks|again|flat",
        "sleep|sleeps|sleeping|slept on the floor",
        "house|home|flat ~2 dirty|filthy|minging|mouldy|freezing|smells|stinks",
        "nobody|noone|no1 ~2 takes|take me ~2 doctor|doctors|dentist",
        "neglect*|neglegt*|niglect*",
        "@I ~2 was|been|being|were|get|got starved|starving",
    ),
    "self_harm_suicide": (
        # "kill myself", "kill my self", "hurting myself", "cut myself", "kms".
        "@SELF_HARM_VERB @SELF",
        "@SELF_HARM_VERB my self",
        "@SELF_HARM_VERB me self",
        "kms|kmn|kmsl",
        "@SUICIDE",
        "self harm*|harming|injur*|hurt*",
        "selfharm*|selfhurt*",
        # Wanting to die or not be here.
        "@WANT ~2 @DIE",
        "wish ~1 i|id ~1 was|were|wasnt|werent|had|never ~2 dead|born|alive|gone|here|died",
        "@NOT ~1 want|wanna|wana ~2 live|alive|exist|wake ~2 anymore|any|no|longer|now",
        "@NOT ~1 want|wanna|wana to? live|exist !with|in|at|there|here|near|somewhere|anywhere|by|on|so|far|next|abroad|together|alone|like",
        "@NOT ~1 want|wanna|wana ~2 be here ~1 anymore|any|no|longer",
        "@NOT ~1 want|wanna|wana to be ~1 alive",
        "better ~1 off ~1 dead|without|gone",
        "no ~1 point ~2 living|live|life|alive|anymore|existing",
        "not ~1 worth ~1 living|it|being ~1 alive|anymore",
        "end|ending|take|taking ~1 my ~1 life|lyf|lfe|own",
        "end it ~1 all",
        "@GOING ~2 end it",
        "if i ~1 died|disappeared",
        "if i ~1 wasnt|werent ~1 here|around|alive",
        "if i ~1 was ~1 dead|gone",
        # Overdose, cutting, jumping.
        "overdos*|overdoes*|overdosed|ovrdose",
        "took|take|taking|taken|swallowed|swallow|swallowing ~2 all|loads|lots|load|whole|bunch|handful|packet|box|pack ~2 pills|tablets|paracetamol|meds|medicine|medication",
        "cut|cuts|cutting|cutted|cuttin|slit ~1 my|me ~1 arms|arm|wrists|wrist|legs|leg|thighs|thigh|skin|self",
        "jump|jumping|jumpin ~2 off|front|from ~2 bridge|roof|train|cliff|building|car|bus|window|balcony|storey",
        "@GOING ~2 jump ~1 off",
        "make|making|makes|made ~1 myself ~1 sick",
        "stopped|stop|not ~1 eating ~2 purpose|days|anymore",
        "hate ~1 myself",
        "hate my self",
        "cant|cannot|cnt ~1 take|cope|go|carry|live|do ~2 anymore|any|no",
        "can not ~1 take|cope|go|carry|live|do ~2 anymore|any|no",
        "cant|cannot go|carry on !the|a|holiday|trip|my|with|to|about|school|and|at|in",
        "voices ~4 hurt|kill|harm|die|cut",
        "nobody|noone|no1 ~3 care|miss|notice ~2 if i",
        "rope|noose ~3 myself|neck",
    ),
    "feeling_unsafe_at_home": (
        # "im not safe", "i dont feel safe", "never safe at home"; negation never cancels.
        "@I|feel|feels|felt|feeling|home|house|there|here ~3 @NOT ~2 @SAFE",
        "@NOT ~1 @SAFE ~3 home|house|with|around|when|at|there|here|anymore|now",
        "@I|feel|feels|felt|feeling|makes|make ~3 unsafe|unsafte|notsafe|unsave",
        "unsafe|unsafte|notsafe|unsave ~3 home|house|with|around|when|there|here|at",
        "un safe",
        # "scared of my dad", "scared to go home", "frightened when he drinks".
        "@FEAR ~1 of|off|ov|when|wen|around|by|about|with ~2 @PARENT|@PARTNER|him|her|them|he|she|they|hes|shes|theyre|uncle|brother|lodger",
        "@PARENT|@PARTNER|he|she|they ~2 scares|scare|frightens|frightened|terrifies|scared me|us",
        "@FEAR ~3 home|house|go|going|be ~1 home|back",
        "@FEAR ~2 at|in ~1 home|house",
        "@FEAR ~2 in ~1 my ~1 room|bed|house|home",
        "@FEAR ~3 what ~2 he|she|they|hell|shell|theyll|hed|shed|theyd|dad|mum ~2 do|does|did",
        # "i dont want to go home", "dont like going to dads".
        "@NOT ~1 want|wanna|wana|like|wnt ~3 go|going|goin|be|stay|staying|live|living|sleep ~3 home|there|mums|dads|nans|him|her|them",
        "please ~2 @NOT ~1 make|send ~1 me ~2 go|back|home",
        # "i hide under my bed when they fight", "he comes in my room at night".
        "hide|hiding|hid|hides|hidding ~3 from|under|in|behind ~2 him|her|them|dad|mum|bed|room|wardrobe|cupboard|bathroom",
        "come*|came|comin ~2 in|into my ~1 room ~3 night",
        "lock|locks|locking ~1 my ~1 door|bedroom",
        "lock|locks|locking|locked myself in",
        "barricade*",
    ),
    "running_away_missing": (
        "@I|ill|gonna|going|wanna|want|will|might|keep|kept|planning|plan|thinking|think|about|thought|cud|could ~3 @RUN away|awy|awa",
        "@RUN away|awy|off ~2 from|again|tonight|home|good|forever|2nite|tonite",
        "runaway|runaways|ranaway|runaway",
        "@I|been|reported|keep|kept|son|daughter|child|kid|brother|sister ~2 went|go|going|gone|been|was|were|goes|go ~1 missing",
        "missing ~1 from ~1 home|care|school|placement|house",
        "missing episode*",
        "sleep*|slept ~2 rough|streets|street|park|station|bench|car|doorway|stairwell",
        "sofa|couch surf*",
        "kick*|chuck*|throw*|threw|thrown ~1 me|us ~1 out",
        "kicked|chucked|thrown|threw|kicks|chucks ~2 out ~3 house|home|flat|mums|dads|placement",
        "nowhere|noplace ~2 go|sleep|stay|live",
        "no ~1 where ~2 go|sleep|stay|live",
        "havent|not|aint|never ~1 been|gone|went ~1 home ~3 days|nights|since|week|weeks|ages",
        "out ~1 all night",
    ),
    "exploitation_grooming": (
        "older ~1 @OLDER",
        "man|men|guy|guys|lads|bloke|blokes|stranger|strangers ~4 give*|gave|buy*|bought ~2 me|us",
        "give*|gave|buy*|bought|get|gets|got me|us ~2 @SUBSTANCE",
        "county lines|line",
        "trap ~1 house|houses",
        "cuckoo*|trapping|shotting",
        "going|go|went country",
        "carry|carrying|hold|holding|deliver*|drop|dropping|move|moving|sell|selling|run|running|take|taking ~2 drugs|packages|parcels|package|parcel|gear|weed|bags|stuff|things ~1 for",
        "sell|selling|sold|sells|deal|dealing ~1 drugs|weed|gear|coke|crack|ket",
        "owe|owes|owed|owing ~2 them|him ~1 money|cash|debt|for",
        "say|says|said ~2 i|we ~1 owe",
        "in ~1 debt ~2 them|him",
        "met|meet|meeting|meets ~3 @APP",
        "someone|somebody|man|guy|boy|person ~2 @APP ~3 wants|asked|asks|keeps|sends|sent|told|says|said",
        "groomed",
        "grooming|grooms me|her|him|kids|children|girls|boys|us",
        "exploit*",
        "boyfriend|bf|gf|girlfriend ~3 @ADULT_AGE",
        "make*|made|force*|forcing ~1 me|us ~1 carry|sell|hold|deliver|steal|shoplift",
    ),
    "bullying_threats": (
        "bully|bullys|bullies|bullied|bullyed|bulied|bullying|bulying|bullyin|bullie|bulies|bullyied|bulling|bulled",
        "pick|picks|picking|picked ~1 on me|us",
        "call|calls|called|calling ~1 me|us ~1 names|fat|ugly|stupid|thick|retard*|freak|loser|slag|slut|whore|gay|weird",
        "racist|racism ~3 me|names|abuse|comments|stuff|to",
        "racial* abus*",
        "felt|feel|feeling|feels|made ~2 threatened|intimidated",
        "threat*|threten*|thretn* me|to|us|my|family",
        "@GOING|hell|shell|theyll|theyre|said|says ~3 kill|stab|hurt|batter|beat|jump|smash|shoot|knife|slash|merk|murder|shank me|us|my",
        "kys",
        "kill yourself|urself|yourselves|yourself",
        "kill ur self",
        "jumped|jump me",
        "stab|stabbed|stabbing|stabs|shank*|knifed|slash|slashed|slashes me|us|him|her|my",
        "send*|sent ~1 me|us ~2 threat*|horrible|nasty|mean|abuse|abusive|hate|hateful",
        "theyre|hes|shes|are|r|coming|come|came ~1 after me|us",
        "gang ~3 after|want*|threaten*|jump*",
        "@SCHOOL ~4 @HIT_ANY ~1 me|us",
        "@HIT_ANY ~1 me|us ~4 @SCHOOL",
        "@FEAR ~1 of|off|when|around ~2 kids|boys|girls|lads|gang|bullies|people",
    ),
    "domestic_abuse": (
        "domestic* ~1 abuse|violence|abuser|abusive|viol*|abused",
        "coercive|coercion",
        "controlling ~1 behaviour|relationship|partner|husband|man|boyfriend|ex",
        "@PARTNER ~3 control*",
        "he|she|hes|shes ~2 controlling",
        "he|she ~2 controls|controlling ~2 my|me|all|everything|money",
        "he|she ~2 checks|tracks|reads|broke|smashed|took ~1 my ~1 phone|messages|texts|bank|money|passport|keys",
        "@AGENT ~3 @HIT_ANY ~1 my? @ADULT_VICTIM",
        "@PARTNER ~4 @HIT_ANY ~1 me|us|my",
        "@PARENT ~1 and ~1 @PARENT|@PARTNER ~2 fight|fighting|fights|fought|hit|hitting|hurt|hurting|scream*|throw*|smash*|batter*",
        "@AGENT ~3 fight*|hit*|hurt*|punch* ~1 each other",
        "threat*|threten* ~3 take|kill|hurt|burn ~2 kids|children|baby|me|us|house",
        "@PARTNER ~3 wont|doesnt|dont|never|not ~1 let ~1 me",
        "@PARTNER ~3 check*|track*|takes|took|broke|smashed|controls ~2 phone|money|bank|card|benefits|passport|keys",
        "police|cops|coppers|feds ~3 came|come|called|round|arrested|took ~4 dad|mum|him|her|house|home|fight|night|again",
        "refuge|injunction|marac|idva",
        "non ~1 molestation",
        "nonmolestation",
        "restraining order",
        "womens ~1 aid",
        "@FEAR ~3 @PARTNER",
        "punch*|kick*|smash*|put ~3 hole|holes ~3 wall|door|walls",
        "smash*|smashes|smashed ~2 things|everything|plates|house|place",
    ),
    "other_harm": (
        "lock*|locked|lox ~1 me|us ~2 in|out|up",
        "@AGENT ~3 has|keeps|got|hides|carries|carry|had ~2 @WEAPON",
        "pulled ~1 @WEAPON|@WEAPON ~1 on me|us",
        "make*|made ~1 me ~1 do ~3 dont|didnt|not|hate|scared|wrong|bad|horrible|rude|weird|secret|nasty",
        "make*|made ~1 me ~1 stand|kneel|sit|sleep ~3 hours|corner|all|outside|cold|garden|floor",
        "@HIT_ANY ~1 the|my|our ~1 dog|cat|pet|puppy|kitten|hamster|rabbit",
        "not ~1 allowed ~1 to ~2 eat|toilet|loo|wash|shower|food|drink|bathroom",
        "abuse|abused|abusing|abuses|abusive|abuser|abuze|abuzed|abusd",
        "assault*|assualt*|asault*",
        "violence|violent|aggression|aggressive ~2 towards|to|against|at me|us",
        "attacked|attack|attacking|attacks|attackd me|us",
        "please|pls|plz|plse ~1 help me|us",
        "help ~1 me|us please|pls|plz|plse",
        "someone|somebody|sum1 ~1 help me|us",
    ),
    # Issue 15 moved these from other_harm and exploitation_grooming to their own categories.
    "emotional_abuse": (
        # "dad says im useless", "mum hates me", "they dont want me".
        "@PARENT|@PARTNER ~3 calls|called|says|said|tells|told|thinks ~3 useless|worthless|mistake|stupid|fat|ugly|thick|idiot|waste",
        "@PARENT|@PARTNER ~2 hates|hate me|us",
        "@PARENT|@PARTNER ~2 doesnt|dont|didnt|never|not ~1 love|loves|want|wants|wanted|like|likes ~1 me|us !to",
    ),
    "forced_marriage_honour": (
        "forced ~1 marriage|marry|married",
        "force*|make*|made|want*|sending|send ~2 me ~2 marry|married|marriage",
        "fgm",
        "female ~1 genital",
        "cut ~2 down there|their",
    ),
    "image_based_abuse": (
        # Asked for, sent or shared nudes.
        "nude|nudes|naked|nakid ~2 pic*|photo*|video*|selfie*|pix",
        "send|sent|sending|asked|asks|ask|wants|want|keeps ~3 nude|nudes|naked|nakid",
        "send|sent|sending|asked|asks|ask|wants|want ~2 pic*|photo*|picture* ~1 of me",
    ),
    "silenced_coached": (
        # Secrets and threats are how abuse keeps a child quiet.
        "told|tells|tell|said|says|sed|telled ~3 not|never|dont ~1 to ~1 tell|tel|say",
        "our ~1 secret|secrit|secrat|secrete",
        "tell ~3 or else",
    ),
}

# Urgency: words that mean the danger is now, or was within the last day.
URGENCY_NOW: tuple[str, ...] = (
    "tonight|tonite|2nite|2night|tonigt|tonght",
    "right|rite ~1 now",
    "rn",
    "this minute|second|morning|afternoon|evening",
    "today|2day|todays",
    "last night|nite",
    "yesterday|yday",
    "hes|shes|theyre|he|she|they|dad|dads|mum|mums|stepdad|him ~2 here|outside|downstairs|upstairs|coming|door|back|home|way ~1 now",
    "hes|shes|theyre|he|she|they ~1 is|are|s? ~1 outside|downstairs|here|coming|door",
    "help me|us ~1 please|pls|plz|now|quick|quickly|asap",
    "need|needs help ~1 now|asap|quick|tonight|urgently|urgent",
    "come ~1 now|quick|quickly|please",
    "please|pls|plz|someone|somebody ~1 help",
)

# Urgency from the state of things rather than a time ("bleeding", "took pills", "going
# to kill myself"): now, unless the text places it in the past (PAST) and no
# URGENCY_NOW cue says it is now.
URGENCY_STATE: tuple[str, ...] = (
    "bleeding|bleedin|blood",
    "@GOING|tonight|tonite ~2 kill|end|hurt|cut|hang|harm|overdose|jump|unalive|do ~1 myself|my|it|me",
    "took|taken|swallowed|swallow|taking ~3 pills|tablets|paracetamol|overdose|meds|all",
    "goodbye|bye ~1 forever|everyone",
    "last ~1 message",
)

# Words that place what happened in the past: "he used to hit me", "years ago", "when i
# was little". A past harm is still a concern (it may be continuing); it is not "now".
PAST: tuple[str, ...] = (
    "used|use to",
    "usta|usto",
    "ago",
    "last|that ~1 year|years|month|months|summer|winter|spring|autumn|christmas|easter|term|birthday",
    "when|wen ~1 i|we ~1 was|were|wos ~1 little|younger|small|smaller|a|baby|kid|child|in|at|living|staying",
    "when|wen i ~1 lived|stayed|was ~1 at|with|in",
    "in|at ~1 my ~1 old|last|previous ~1 placement|home|house|school|foster",
    "years|yrs|months|weeks ~1 ago|back",
    "back ~1 then|when",
    "in the past",
)

# Suppressors: fixed phrases that cancel an overlapping concern of the listed categories.
# Keep this list short: every line here is a deliberate trade of recall for precision.
SUPPRESSORS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # "I never felt unsafe", "didn't feel unsafe": reassurance, seen in real feedback.
    ("never|didnt|not|dont|wouldnt|havent ~1 feel|felt|been|ever ~1 unsafe", ("feeling_unsafe_at_home",)),
    # "killed myself laughing" is an idiom, not intent.
    ("kill*|kil ~1 myself|meself ~1 laugh*|lol", ("self_harm_suicide",)),
    # "my brother beats me at fifa".
    (
        "beat|beats|beating|beaten me|us ~1 at|in ~2 fifa|football|games|game|chess|cards|racing|running|maths|tennis|pool|mario|minecraft|fortnite|everything|race|swimming|monopoly|uno|connect|draughts",
        ("abuse_physical",),
    ),
    # "got hit by a ball in PE".
    ("hit|hitted by ~1 a|the ~1 ball|football|cricket|netball|rugby|hockey|door|car", ("abuse_physical",)),
    # "nana pushes me on the swings".
    (
        "push*|pushed me|us ~2 swing|swings|pram|buggy|wheelchair|roundabout",
        ("abuse_physical", "domestic_abuse"),
    ),
)
# fmt: on
