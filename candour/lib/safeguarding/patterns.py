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
# new categories take their patterns from other_harm and exploitation_grooming. 4: issue 15's
# families (secrecy and grooming, every kind of neglect and young carers, silencing and
# coaching, emotional abuse, forced marriage, FGM and honour, image-based abuse, quiet
# thoughts of not wanting to be alive, fear of a particular person), written from the
# NSPCC, Childline, Working Together 2023 and NICE NG76 descriptions of how children tell.
# 5: generalised for the families v4 measured weakest on untouched test data (running away,
# silencing, fear of a person, emotional abuse, quiet suicidal thoughts, cruel punishment),
# and the look-alikes it raised (sport, games, "mum will kill me when she sees").
# 6: "lol" and "haha" no longer cancel "kill myself" or "run away": children mask what
# they mean with a laugh ("i want to kill myself lol"), and a recall-first detector must
# not let a laugh hide it. Only the idiom itself ("killed myself laughing") and fantasy
# destinations ("run away to the circus") still cancel. A safety judgement, not a tuning.
# 7: the families v6 measured weakest (silencing and coaching, emotional abuse, running
# away, other harm, forced marriage and FGM, neglect, grooming and exploitation), written from the development disclosures v6 missed only, with
# suppressors for the development look-alikes they raised.
# 8: suppressors for adult patients writing about their own care (clinicians, wards,
# treatment), written from the flagged NHS comments of the development half only; and
# patterns for physical, sexual, domestic and image-based abuse, silencing, quiet suicidal
# thoughts, fear at home and threats, written
# from the development disclosures v7 missed only (round 5).
VERSION = "8"

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
    # v4. Anyone a child might be afraid of or harmed by, beyond @AGENT: relatives, adults
    # in authority, the possessive forms children write ("my fathers new partner").
    "PEOPLE": (
        "@AGENT|fathers|mothers|grandad|grandads|grandpa|grandfather|nans|grans|uncles|aunties|"
        "cousins|stepbrother|stepsister|neighbours|lodgers|coach|tutor|priest|imam|vicar|"
        "babysitter|childminder|driver|fella|blokes|adult|adults|grownup|grownups|stranger|"
        "strangers|carer|carers|boyfriends|partners|husband|family|relatives|lads|older"
    ),
    # Adults at home a child may fear (a narrower @PEOPLE, without siblings and friends).
    "HOME_ADULT": (
        "@PARENT|@PARTNER|fathers|mothers|uncle|uncles|grandad|grandpa|lodger|he|she|they|him|"
        "her|them|hes|shes|theyre|man|men|bloke|adults|grownups|friends"
    ),
    # Insults and put-downs: from a parent, emotional abuse; from peers, bullying.
    "INSULT": (
        "useless|worthless|mistake|stupid|fat|ugly|thick|idiot|waste|evil|devil|burden|"
        "pathetic|disgusting|disgrace|retard|retarded|cow|bitch|slag|slut|whore|loser|"
        "failure|embarrassment|horrible|selfish|brat|smelly|smell|stink|stinks|"
        "dirty|freak|weirdo|weird|gay|dumb|unlovable|unwanted|spoilt|liar|psycho|"
        "possessed|witch|rubbish|trash|scum|monster|vile|ungrateful|nuisance"
    ),
    # Taking a child somewhere to marry, or making them (forced marriage guidance).
    "FORCE": (
        "make|makes|made|making|force|forced|forces|forcing|pressure|pressured|pressures|"
        "pressuring|push|pushing|pushed|taking|take|takes|took|sending|send|sends|sent|"
        "promised|promise|expected|expect|expects|expecting"
    ),
    "MARRY": "marry|married|marrie|maried|marryd|merry|wed|engaged|marriage|nikah",
    # Pictures and films, and what makes sharing them abuse (Childline: sexting and nudes).
    "IMAGE": (
        "pic|pics|pix|picture|pictures|photo|photos|foto|fotos|video|videos|vid|vids|selfie|"
        "selfies|image|images|recording|recordings|recorded|record|film|films|filmed|filming|"
        "videoed|snap|snaps|screenshot|screenshots|screenshotted|screenshoted|camera|cameras|"
        "webcam|cam|livestream|stream"
    ),
    "EXPOSED": (
        "nude|nudes|naked|nakid|intimate|explicit|rude|dirty|sexy|topless|underwear|bra|pants|"
        "knickers|undies|changing|changed|undressed|undressing|undress|shower|showering|bath|"
        "toilet|private|privates|sexual|boobs|body"
    ),
    "MEDICAL": (
        "doctor|doctors|docs|gp|dentist|dentists|hospital|appointment|appointments|optician|"
        "opticians|clinic|nurse|camhs|therapist|physio|asthma|glasses"
    ),
    "MEDS": (
        "meds|medicine|medicines|medication|inhaler|inhalers|insulin|tablets|pills|glasses|"
        "prescription|cream|epipen|hearing"
    ),
    "BASICS": (
        "bed|beds|coat|coats|shoes|clothes|heating|electric|electricity|water|uniform|nappies|"
        "milk|toothbrush|mattress|duvet|blanket|blankets|pillow|gas|food|socks|shampoo|"
        "soap|towel|towels|pants|underwear"
    ),
    # What a child is told will happen if they tell (NSPCC: how abusers keep children quiet).
    "TOLD_CONSEQUENCE": (
        "trouble|taken|away|care|prison|jail|hurt|kill|killed|die|dead|police|split|believe|"
        "beat|hit|worse|sent|happen|happens|leave|lose|arrested|locked|foster|adopted|smack|"
        "batter|punish|punished|regret|sorry|deported|deport|gone|never"
    ),
    "CHILD_AGE": "|".join(str(n) for n in range(8, 18)),
    # v5. Unease short of fear, said of a person ("nervous when he comes round").
    "FEARISH": (
        "@FEAR|nervous|nervus|anxious|uneasy|uncomfortable|uncomfy|panic|panicky|dread|"
        "dreading|shaky|shaking|shake|sick|tense|worried|worry|freeze|frozen"
    ),
    # v5. Put-downs no one says in fun: alone they are enough after "says im".
    "INSULT_STRONG": (
        "useless|worthless|mistake|failure|burden|waste|disgrace|embarrassment|unlovable|"
        "unwanted|pathetic|disgusting|unloved|worthles|usless"
    ),
    # v5. Someone at home or close to it: @HOME_ADULT and the older relatives and lodgers.
    "NEAR_ADULT": (
        "@HOME_ADULT|uncle|uncles|cousin|cousins|stepbrother|stepbrothers|grandad|grandpa|"
        "lodger|step|older|coach|tutor|babysitter"
    ),
    "PUNISH": (
        "punish|punished|punishes|punishing|punishment|punishments|naughty|misbehave|"
        "misbehaved|misbehaving|trouble|cheeky|backchat|answered|disobeyed"
    ),
    "WEEKDAY": "monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|yesterday",
}

# Per category, the patterns; the comment above each group says what it is for.
PATTERNS: dict[str, tuple[str, ...]] = {
    "abuse_physical": (
        # v8: written from the development disclosures v7 missed (round 5).
        "threw|throws|chucked|chucks|lobbed|hurled ~2 a|the|his|her ~1 cup|mug|plate|glass|bottle|shoe|chair|remote|plates|cups ~2 at ~1 me|my|us",
        "@AGENT ~2 squeezes|squeezed|squeeze|squeezing ~1 my ~1 neck|throat",
        "bend|bent|bends|bending ~1 my|me ~2 fingers|finger|arm|arms|wrist|thumb ~1 back",
        "where|were ~1 @AGENT ~1 @HIT_ANY|banged|bang|bangs|smashed ~1 it|me",
        "bruises|bruise|bruised|marks|welts|cuts|scars ~4 from|off|by the|his|her|a|dads|mums belt|stick|slipper|shoe|spoon|cane|wire|cable|buckle|hairbrush",
        "put|puts|held|holds|pushed ~1 a|the|his|her ~1 pillow|hand|hands ~1 over ~1 my ~1 face|mouth|nose",
        "flinch*|flinches|flinched ~1 when|whenever|if|every ~3 @AGENT|father ~1 raises|moves|comes|shouts|lifts|walks|goes",
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
        # v4: more ways to say it (NSPCC physical abuse): lamped, walloped, knocked out, shaken.
        "@AGENT ~3 lamp*|clout*|wallop*|whip*|whips|spank*|leather*|twat*|slam*|slammed|strangl*|throttl*|kneed|scald* ~1 me|us|him|her|my",
        "@AGENT ~3 knock*|knocked ~1 me|us|him|her ~1 out|over|down|unconscious",
        "@HIT_ANY|throw*|threw|chuck*|slam*|drag*|pull*|yank*|shov*|push* me|us|him|her ~2 against|into|down|across|onto|up|off ~2 wall|walls|floor|stairs|door|ground|table|radiator|window|car",
        "@HIT_ANY|drag*|pull*|yank* ~1 me|us|him|her ~3 by ~1 my|his|her|the ~1 hair|neck|arm|arms|ear|ears|throat|collar|leg",
        "held|hold|holds|holding|pinned|pins|pin|pushed|push|pushes ~1 me|us|him|her ~1 down|under",
        "@AGENT ~2 gets|got|get|getting|is|was|goes|went|go ~1 physical|violent|rough ~2 with|wiv|wid|when|me|us|him|her",
        "@PARENT|@PARTNER ~3 @HIT_ANY ~1 him|her|them ~2 across|in|on|round|over|around|with|and|until|till|when|for|so|every",
        "shake*|shook|shaking|shakin ~2 the|my|our|her|his ~1 baby|babies|son|daughter|child|kid|toddler|little",
        "bruise*|bruse*|bruze*|brusies|marks|welts|cuts|burns ~4 @PARENT|@PARTNER|his|her|their|him|them",
        "came|come|comes|coming|back ~3 with ~1 bruise*|bruse*|marks|black|burns|welts",
        "hide|hides|hiding|cover|covers|covering|hid ~3 bruise*|bruse*|marks|welts",
        "nobody|noone|no1|teachers|people ~1 sees|see|can|will|notice ~2 bruise*|marks|cuts|welts",
        "said|say|says|told|tell|tells|pretend*|lied ~3 i|she|he|we ~1 fell|fall|slipped|walked",
        "@HIT_ANY|beat|belted|beaten ~3 with ~1 a|the|his|her ~1 belt|stick|shoe|slipper|wooden|spoon|cable|wire|hose|bat|lead|hanger|hairbrush",
        "@AGENT|@PEOPLE ~3 used|use|usta|usto ~1 to ~1 @HIT_ANY",
        "burn*|burnt ~1 me|us|him|her ~2 with ~2 cigarette*|cig|cigs|fag|lighter|iron|kettle|water|lighter",
        "put ~2 cigarette*|cig|cigs|fag|fags ~1 out ~1 on ~1 me|my|us",
    ),
    "abuse_sexual": (
        # v8: written from the development disclosures v7 missed (round 5).
        "forced|forces|forcing ~1 himself|herself ~2 on|onto ~1 me",
        "forced|forces|forcing ~1 me ~1 to ~1 do ~2 things|stuff|sex|it",
        "rubs|rubbed|rubbing ~1 himself|herself|his|her ~2 on|against ~1 me|my",
        "kisses|kissed|kissing ~1 me ~2 like ~2 grown|adults|boyfriend|girlfriend|grownups",
        "he|hes|uncle|grandad|grandpa|man|stepdad|cousin|brother ~3 takes|took|pulls|pulled|taking ~1 my|her ~1 clothes|pants|knickers|pyjamas|pjs ~1 off|down",
        "@AGENT|son ~2 did|does|do|doing ~1 things|stuff ~1 to ~1 me",
        "things|stuff ~2 with my hands|mouth ~2 to|on him|her",
        "normal ~1 for ~1 dads|daddies|uncles|grandads|fathers|brothers ~1 and ~1 daughters|girls|sons|nieces|sisters",
        "do|doing stuff|things with ~2 friends|men|mates ~2 for money|cash",
        "walks|walked|comes|came|barges|bursts ~1 in ~4 shower|bath|bathroom|changing ~4 stares|watches|watching|staring|looks|looking",
        "tickl* ~4 @PRIVATE",
        "@NOT ~1 like ~1 bath|bathtime|baths ~3 at|with ~1 daddys|dads|grandads|uncles|him",
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
        # v4: what children say instead of the words (NSPCC sexual abuse; Childline).
        "puts|put|putting|stick*|sticks|shoves|pushes ~1 his|her|their ~1 thing|willy|winky|private*|bits|dick|penis|cock|tongue|fingers|finger|hand ~2 in|on|inside|near|up|against ~1 my|me|mine",
        "his|her ~1 thing|willy|winky|private|privates|bits|dick|penis|cock ~3 in|on|inside|touch*|near ~1 my|me",
        "@AGENT|@PEOPLE ~2 does|do|did|doing|done ~2 stuff|things|thing|something|sumthing|stuf ~1 to ~1 me|us|her|him",
        "do|does|did|doing ~1 rude|sexy|sex|dirty|naughty|private ~1 stuff|things|games|thing",
        "come*|came|comin|walks|walked|gets|got|climbs ~1 in|into ~1 the|my ~1 shower|bath|bathroom ~3 when|while|wiv|with|me|im",
        "on ~1 top ~1 of ~1 me|us|her|him",
        "make*|made|force*|forced|tell*|told|want*|asked|asks ~1 me|us|her|him ~1 to? ~1 sit|sat ~2 lap|knee",
        "make*|made|force*|forced|tell*|told|want*|asked|asks ~1 me|us|her|him ~1 to? get|sleep|go ~2 bath|shower|bed with him|her|them",
        "show*|showed|shows|make*|made ~3 video*|vids|pictures|pics|photos|films|film|movies ~3 naked|nude|rude|sex|sexy|no|without",
        "tickle*|tickling|tickled ~3 @PRIVATE|there|willy|private",
        "@TOUCH_ANY|kiss*|hug*|hugs|cuddle*|tickle* ~1 me|us|her|him ~4 wrong|weird|uncomfortable|funny|strange|rude|inappropriate|inappropriately|sexual|sexually|nasty",
        "kiss*|kises|kissed|kisses ~1 me|us|her|him ~1 on ~1 the|my ~1 lips|mouth|neck|bum",
        "@TOUCH_ANY|kiss*|kises|hug*|hugs|cuddle*|tickle*|looks|look|looking ~3 in ~1 a ~1 way ~3 wrong|weird|uncomfortable|funny|strange|rude|inappropriate|nasty|dont|didnt|bad",
        "ask*|asked|asks|want*|wants|wanted|tries|tried|try|get*|got|force*|forced|make*|made|told|tells ~1 me|us|her|him ~1 to? ~1 touch|tuch|suck|lick|undress|strip|rub|play ~1 his|her|with|him|them|it",
        "watch*|watches|watching|watched|spy*|spies|perv* ~1 me|us|her ~3 shower|showering|bath|changing|changed|undress*|toilet|sleep|sleeping|wee",
        "happened|happend|happens ~3 @PEOPLE ~3 dont|cant|didnt|never|not|scared|bad|wrong|hurt",
        "sexual*|sexually ~1 assault*|abus*|touch*|harass*|attack*|exploit*",
        "rape|raped|rapd|raping",
        "hurts|hurt|sore ~2 down ~1 there|their",
        "blood ~2 in|on ~1 my ~1 pants|knickers",
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
        # v4: physical, supervisory, medical, emotional and educational neglect, and young carers (Working Together 2023; NSPCC neglect; Carers Trust).
        "nothing|nuthin|nowt|no|never ~1 food? ~1 at|in ~1 home|house|fridge|cupboards|cupboard",
        "only|just ~2 eat|food|meal|meals|fed ~3 school|nans|friends|mates",
        "eat|food|fed|meal*|breakfast|lunch ~3 school ~2 because|cos|coz|as ~3 nothing|no|never|aint|isnt|dont",
        "days|day|weekend|weekends|week ~2 without ~2 eating|food|@FOOD|anything",
        "without ~2 eating|food|@FOOD ~2 days|weekend|week|again|often|always",
        "go|goes|went|gone|going|gona ~1 without ~2 food|eating|@FOOD ~2 days|nights|weekend|week|often|always|sometimes|because|cos|lot|lots",
        "steal|stealing|stole|steals|nick|nicking|nicked|take|taking ~2 food|fud|bread|sweets|snacks ~3 school|shop|shops|cos|because|hungry|from",
        "lock*|locked|locks ~3 fridge|cupboard*|food|kitchen|freezer",
        "dirty|smelly|unwashed|hungry|cold|starving ~2 and ~1 hungry|dirty|smelly|unwashed|cold|neglected|starving|skinny",
        "@I|kids|children|son|daughter|baby|they|grandchildren|he|she ~2 dont|havent|hasnt|doesnt|aint|never|no|didnt ~1 have|got|has|had|get|gets ~1 a|any|proper|enough|clean|warm|decent|new? ~1 @BASICS",
        "@I|we ~1 have|got|has ~1 no ~1 @BASICS",
        "holes ~2 in? ~1 my|me|our|his|her ~1 shoes|trainers|clothes|socks|coat|uniform",
        "shoes|trainers|clothes|uniform|coat ~2 holes|ripped|falling|tiny",
        "clothes|shoes|uniform ~2 too ~1 small|tight|big|dirty",
        "same ~1 clothes ~2 days|every|all|week",
        "nits|lice|headlice|scabies|fleas|bedbugs|cockroaches|maggots|scabs ~3 nobody|noone|no|never|always|still|months|again|all|everywhere",
        "nobody|noone|no1 ~3 wash*|washes|bath*|bathes|brush*|clean*|cook*|cooks|feeds|help*|help|helps|cares|notices|checks ~1 me|us|my|our|for|about|if",
        "@NOT|stopped|forgot|forgets|forget ~1 take|taking|takes|took|bring|bringing|brought ~1 me|us|him|her|them|my ~2 to? the|my|any? @MEDICAL",
        "@PARENT|nobody|noone ~3 @NOT|forgot|forgets|forget|stopped ~1 get|give|gives|gave|collect|buy|bought|sort|getting|giving ~2 my|me|our|his|her ~1 @MEDS",
        "@MEDS ~1 ran|run|runs|running ~1 out ~4 @PARENT|nobody|noone|never|ages|weeks|months",
        "miss*|missed|skip* ~3 @MEDICAL ~3 @PARENT|cos|because|never|nobody",
        "havent|not|never|hasnt|aint|didnt ~1 been|gone|go|went|going|gone ~2 school|nursery ~2 months|weeks|ages|year|years|since|term",
        "@PARENT ~3 @NOT ~1 send|sends|take|takes ~1 me|us|him|her ~1 to ~1 school|nursery",
        "@PARENT|she|he ~3 sleeps|sleeping|stays|stay|in|lies|lying ~2 bed|asleep|sofa ~1 all ~1 day|time|the",
        "@PARENT|she|he ~3 cant|doesnt|never|wont|dont|cannot ~1 get ~1 out|up ~2 bed|morning|mornings",
        "@I ~1 have|got|always|get|make|makes|cook ~2 my|our|me|us|own? ~1 own ~1 @FOOD|food|meals",
        # Young carers.
        "young ~1 carer|carers|care",
        "@PARENT ~2 @NOT|never|wont|cant ~1 wake|get ~1 up",
        "make|making|makes|made|feed|feeding|feeds ~2 baby|babys|brothers|sisters|siblings ~1 bottle|bottles|milk|tea|dinner|breakfast",
        "@I ~1 look|care|looks|cares|looking|caring after|for ~1 my|the|our ~2 @SIBLING|brothers|sisters|siblings ~3 every|everyday|always|because|cos|coz|night|nights",
        "@I ~2 have|got|hav|av ~1 to look|care|caring|looking ~1 after|for ~1 my|me|the|our|mums|her|him ~1 @PARENT|@SIBLING|little|younger|baby|family|everyone|brothers|sisters|siblings",
        "@I ~1 look|care|looks|cares|looking|caring ~1 after|for ~1 my|the|our ~2 @PARENT|baby|siblings|family|everyone|disabled|poorly|ill|sick",
        "give|gives|giving|gave|do|sort ~2 my|our|mums|dads ~2 @PARENT|her|him|them ~2 meds|medicine|medication|tablets|injection*|insulin",
        "clean|cleaning|cleans|wash|washing|change|changing ~1 my|our ~1 @PARENT|nan|gran ~2 up|sick|nappy|pad|bed|when|after|bedding",
        "@I ~3 do|does|did|have|doing ~2 all the? ~1 cooking|cleaning|shopping|washing|housework|chores",
        "miss*|missed|missing ~1 school ~3 look*|care*|mum|dad|mums|dads|baby|brother|sister|siblings|because|cos|coz",
        "get|getting|gets|got ~2 my|the|our ~2 @SIBLING|brothers|sisters|siblings|little|baby|younger ~2 ready|up|dressed|fed|to",
        # Supervision: left alone, or left with no adult.
        "left|leaves|leave|leaving|leavs ~3 alone|unsupervised|themselves|ourselves|myself ~2 go|goes|going|night|nights|overnight|weekend|weekends|days|hours|pub|drinking|party|partying|boyfriend|out",
        "left|leaves|leave|leaving|leavs ~2 kids|children|baby|babies|us|me ~1 alone|unsupervised|unattended",
        "@PARENT|she|he ~3 go|goes|going|went|out|off ~1 drinking|partying|clubbing|pub|out ~3 leave|leaves|left|alone|night|nights|every|all|days|weekend",
        "no|nobody|noone|no1|never|aint|isnt ~2 adult|adults|grownup|grownups|grown ~2 home|house|there|around|look|looking",
        "no ~1 heating|electric|electricity|gas|water|light|lights|hot ~3 week|weeks|weekend|month|months|ages|since|for|days|again|winter",
        "house|home|flat|room|bedroom ~3 mould|mouldy|damp|rats|mice|cockroaches|rubbish|poo|dog|needles|broken|smell*|stink*|dirty|filthy|minging|freezing|cold ~2 everywhere|all|again|always",
        "@PARENT ~3 drunk|drunks|pissed|wasted|stoned|high|off ~1 his|her|their|face|head|box|it",
        "@PARENT ~3 always|every|everyday ~2 drunk|drinking|drinks|high|stoned|wasted|pissed",
        "nobody|noone|no1 ~2 cares|care|bothered|bothers|notices|noticed|loves|love|listens|listen ~2 about|for|if|me|us|what",
        # v7: being left, unfed, unwashed or untreated, written from the development misses (Working Together 2023 and NICE NG76 on neglect).
        "sleeps|asleep|sleeping ~2 all ~1 day",
        "nobody|noone|no ~1 one? ~1 wakes|feeds|makes|gets|cooked|cooks|came|comes|asks ~2 me|him|her|us|for|to|pick|how|proper",
        "no ~1 one ~1 wakes|feeds|makes|gets|cooked|cooks|came|comes|asks ~2 me|him|her|us|for|to|pick|how|proper",
        "never ~2 been ~2 dentist|doctor|doctors",
        "wont|doesnt|didnt|never ~2 ring|call|take ~1 the? ~1 doctor|doctors|gp|dentist",
        "leaves|left ~1 me|us ~3 no ~1 money|food",
        "leaves|left ~1 us|me ~3 in ~1 the ~1 car",
        "isnt|nothing|no|never ~1 anything|food ~1 at ~1 home",
        "get ~1 myself ~3 ready|school|up",
        "make|made|making|cook ~1 my|our ~1 own ~1 dinners|meals|teas",
        "no ~1 sheets|blankets|duvet|bed|mattress",
        "by ~1 myself ~3 all ~1 weekend|night|day",
        "wasnt|werent|not ~1 taken ~2 appointments|dentist|doctor|doctors",
        "nits|lice ~3 ages|months|wont|never",
        "walked ~1 home ~3 dark",
        "forgot|forgets ~1 to ~1 pick ~1 me|us",
        "only ~1 have|had|got ~1 cereal|crisps|bread|biscuits",
        "no ~1 food ~2 cupboards|cupbords|cupboard|fridge|house",
        "clothes|uniform ~1 smell|smells|stink|stinks|dirty",
        "nappy ~1 never|isnt|not",
        "feed|feeds|feeding ~1 my ~2 sister|brother|brothers|sisters ~2 cos|because|coz|mum|dad|every",
        "left ~2 babysitting|looking",
        "stopped ~1 taking ~3 appointments|hospital|doctor|dentist|medicine",
        "mould ~3 walls|everywhere|bedroom",
        "hardly ~1 any ~1 food",
        "havent|not|hasnt ~1 had ~1 a ~1 wash|bath|shower ~2 weeks|ages|months",
        "left ~1 on ~1 our|my ~1 own ~2 lot|all|night|nights|weekend|days",
        "wont ~1 wake ~1 up",
        "carer|care ~1 for ~1 my ~1 dad|mum|mam|nan|brother|sister",
        "do|give ~1 his|her ~1 tablets|medicine|meds",
    ),
    "self_harm_suicide": (
        # v8: written from the development disclosures v7 missed (round 5).
        "wish|wished|wishing|wishes ~3 never|not|didnt|wasnt|dont ~2 born|wake|woke|exist|existed|alive !in|on|before|after|earlier|later|sooner|into|during|when|somewhere|then|last|first",
        "wrote|written|writing|write ~2 note|notes|letter|letters|goodbye ~4 gone|case|goodbye|dead|die",
        "note|notes|letter|letters|goodbye ~4 for|when ~2 im|i|ive ~1 gone|dead|die|died",
        "saving|stockpiling|hoarding ~2 tablets|pills|meds|paracetamol|painkillers",
        "gave|giving|give ~3 stuff|things|belongings|everything ~1 away ~3 wont|not|dont|need",
        "ways|way ~1 to ~1 not ~1 be ~1 here|alive|around",
        "rather ~1 be ~1 dead|die|died",
        "think*|thought ~2 about|of ~1 jumping|stepping|hanging|drowning|overdosing",
        "asking|ask|asked|pray|praying|prayed ~1 god ~3 let|take ~1 me ~1 go|die|away|join|be|too",
        "i|im|id @NOT ~1 care ~3 happens|happen|happened to me",
        "nothing matters to me",
        "nothing matters anymore|anymor|now",
        "@I ~1 bite|bites|biting|punch|punches|punching|pinch|pinches|pinching|bang|bangs|banging ~1 my|myself ~2 hand|hands|arm|arms|legs|leg|head|face|wrist|wrists ~3 hard|till|til|until|when|cos|because|to",
        "took|take|taking|taken ~1 too ~1 many|much ~2 tablets|pills|meds|paracetamol|painkillers",
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
        "wish ~1 i|id ~1 was|were|wasnt|werent|had|never ~2 dead|born|alive|gone|here|died !in|on|a|an|earlier|later|sooner|before|after|into|as|at|with|for|yet",
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
        "cant|cannot|cnt ~1 take|cope|go|carry|live ~2 anymore|any|no",
        "can not ~1 take|cope|go|carry|live ~2 anymore|any|no",
        "cant|cannot go|carry on !the|a|holiday|trip|my|with|to|about|school|and|at|in",
        "voices ~4 hurt|kill|harm|die|cut",
        "nobody|noone|no1 ~3 care|miss|notice ~2 if i",
        "rope|noose ~3 myself|neck",
        # v4: quiet thoughts of not wanting to be alive, without the trigger words (Childline suicidal feelings; NICE NG225 / NG76).
        "sleep|sleeping ~3 never|not|forever|dont ~1 wake|waking|for",
        "@NOT ~1 want|wanna|wana ~1 to? ~1 wake ~1 up !early|for|at|so|on|in|till|until|before|when|this|in",
        "wish|want*|wanna|wana ~3 never|not|wouldnt|didnt ~1 wake|woke",
        "sleep|sleeping ~1 forever|4ever|for ~1 ever",
        "@I|feel|feeling|being|am|just ~3 a ~1 burden|burdon",
        "burden|burdon ~2 to|on|for ~1 everyone|everybody|my|you|them|people|family|all",
        "everyone|everybody|they|world|family|people ~2 better|happier|easier ~2 without ~1 me|us",
        "better|happier|easier ~2 if ~1 i|im ~2 dead|gone|wasnt|werent|didnt|died|never|not|disappeared",
        "no|dont|cant|not|whats|wats ~2 the|any|no ~1 point ~2 anything|life|living|anymore|trying|going|existing|me|being|carrying|waking|here|alive",
        "nothing|no|noone|nobody ~2 to ~1 live ~1 for",
        "no ~1 reason ~2 to ~1 live|stay|carry|be|keep|go|wake",
        "@NOT|wont|cant|never ~3 make ~1 it ~2 birthday|christmas|tomorrow|morning|summer|16|17|18|adulthood|adult|next",
        "plan|plans|planned|planning ~3 how|to|when|way ~2 do ~1 it",
        "how ~1 many|much ~1 tablets|pills|paracetamol ~1 it ~1 would|will|takes|to ~1 take|kill|be",
        "look*|looked|search*|searched|google*|googled|research* ~3 how ~2 die|kill|hang|overdose|suicide|painless|end|drown",
        "ways|way|how ~2 to ~1 die|end ~1 it|my|myself|painlessly",
        "painless ~1 way|ways|death",
        "think*|thought|want*|wanna|wana|gonna|going|urge|urges|tempted|wish ~3 step*|walk*|jump*|throw*|run|running|lie|lying|lay|drive|driving|crash ~2 front|under|off|into ~3 train|trains|car|cars|bus|lorry|traffic|truck|bridge|road",
        "bang|banging|bangs|bash|bashing|slam|slamming|hitting|punching|punch ~1 my ~1 head ~4 wall|walls|floor|upset|angry|purpose|sad|stressed|till|until|hard|door",
        "scratch*|pick|picking|pull|pulling|bite|biting|burn|burning|pinch|pinching ~4 till|until|so|and ~2 bleed*|blood|raw|bleeds|bled|scars|marks",
        "want*|wanna|wana|wish ~4 heaven|sky",
        "want*|wanna|wana|wish|wished ~3 be with ~2 nana|nan|grandad|grandma|granny|gran|mum|dad|mummy|daddy|grandpa ~2 heaven|again|sky",
        "letter*|note|notes ~3 goodbye|goodby|bye",
        "say|saying|said ~1 goodbye|bye|goodby ~2 to ~1 everyone|everybody|yall",
        "giving ~1 my|all|away ~2 stuff|things|belongings|possessions|toys",
                "wish|wishes|wished ~3 @NOT|never ~1 exist|existed|born|here|alive !in|on|a|an|earlier|later|sooner|before|after|into|as|at|with|for|yet|today|now",
        "disappear*|disapear*|dissapear*|vanish* ~2 forever|permanently|4ever",
        "disappear*|disapear*|dissapear*|vanish* ~2 and ~1 never|not ~2 come|be|exist",
        "tired|sick ~1 of ~1 living|life|being|existing|waking|trying",
        "done ~1 with ~1 life|living|everything|it|being",
        "want*|wanna|wana|wish ~1 it|everything ~1 all ~1 to? ~1 stop|end|be|over",
        "cut*|cuts|cutting|cutted|cuttin|slit|slits|carve|carving|burn|burning|burns ~2 her|his|their ~1 arms|arm|wrists|wrist|legs|leg|thighs|thigh|skin|self|body",
        "kill*|killing|harm*|hurting|cutting|overdos*|hang*|hanging|strangl*|starv* himself|herself|themselves|themself|hisself",
        "talk*|talks|talking|talked|spoke|speaks|mentions|mentioned ~2 about ~1 dying|suicide|killing|ending|wanting ~2 die|dead|life|herself|himself|themselves",
        "wont|will|gonna|not|never ~1 be ~1 here|around ~2 much|long|tomorrow|soon|forever|anymore",
        "no ~1 future|hope ~2 for ~1 me|us",
        "hopeless|worthless|empty|numb|trapped ~3 everything|all|anymore|always|inside|forever",
        "@I ~2 should|deserve|deserves ~1 to? ~1 die|dead|suffer|pain|hurt",
        "no ~1 one|body? ~2 miss ~1 me|us",
        "world|everyone ~2 without ~1 me",
        "i|me|im ~2 gone|dead ~2 soon|tomorrow|forever|anyway|one day",
        # v5: quiet thoughts of not wanting to be alive, in more words (Childline suicidal feelings).
        "want|wanna|wana|wish|wished|just|like ~2 to? ~1 disappear|disapear|dissapear|dissappear|vanish !under|into|in|behind|off|to|for|on",
        "@NOT|never|stop|stopped ~1 being|existing|exist ~1 alive|here|around !at|in|for|on|when|today|tomorrow|this|next|till|until|with|long|enough",
        "stop|stopped ~1 existing|exist",
        "think*|thought|thinking|dream*|daydream* ~2 about|of ~1 dying|death|suicide|unaliving !my|her|his|it|hair|them|a",
        "think*|thought|thinking|want*|wanna|wana|might|gonna|gona|about ~3 ending|end ~1 it|everything|things|my !with|for|at|before|after|there|early|soon|quickly",
        "giving|give|gave|given ~1 up ~2 on ~1 everything|life|living|myself|me|trying",
        "cant|cannot|cnt ~1 do this|it|life|thi anymore|any|no|more",
        "isnt|aint|wasnt|not|never ~1 worth ~1 living|livin|being",
        "want*|wanna|wana|wish|need ~2 everything|it|life|pain|this|thoughts ~2 to? ~1 stop|end|over",
        "what|whats|wats ~1 the ~1 point ~2 living|life|anything|trying|me|existing|carrying|waking|anymore",
        "@NOT ~1 want|wanna|wana ~2 exist|alive|existing",
        "@NOT ~1 want|wanna|wana ~1 to? ~1 be ~1 here|around !at|in|with|for|today|tomorrow|on|tonight|this|next|during|while|without|after|before|till|until|if|when|then|yet",
        "nobody|noone|no1|wouldnt|no ~2 care|miss|notice|cry ~2 if ~1 i|im ~2 gone|dead|died|disappeared|wasnt|werent",
        "better|happier|easier ~2 without ~1 me|us",
        "i|ive|id|been|im|started|start|keep|kept ~2 cut|cutting|cuts|harmed|harming|burning|burned ~1 again|lately|recently|last|tonight|every",
        "cut|cuts|cutting|cutted|slit|scratch|scratched|scratching|burn|burnt|burned|burning ~1 myself|meself ~2 again|arms|arm|wrists|wrist|legs|thighs|skin|stomach|tummy|blade|razor|sharpener",
        "razor|blade|blades|sharpener ~3 cut|cuts|cutting|arm|arms|myself|wrist|legs|thighs|skin|hide",
        "how ~1 many|much ~1 tablets|pills|paracetamol|paracetemol|painkillers ~3 kill|die|overdose|takes|dead|od",
        "hit|hitting|punch|punching|slap|slapping|bite|biting|scratch|scratching|pinch|pinching|bang|banging ~1 myself|meself ~2 when|wen|cos|because|if|till|until|everytime|every",
        "ill|wont ~1 be ~1 here|around ~2 much|long|longer",
    ),
    "feeling_unsafe_at_home": (
        # v8: written from the development disclosures v7 missed (round 5).
        "@HOME_ADULT ~2 looks|looked|stares|staring|stared ~2 at ~1 me ~1 funny|weird|strange|wrong|creepy",
        "@HOME_ADULT ~3 gives|give|gave ~1 me ~1 the creeps",
        "@PARENT|@PARTNER|uncle|lodger|man|he|hes|brother ~2 always|keeps|keep ~1 coming|comes ~1 in|into ~1 my ~1 room|bedroom",
        "listen|listening|listens ~2 for ~2 his|her|their|dads|mums ~1 footsteps|car|key|keys|van",
        "on edge ~3 home|house|own",
        "@WANT ~2 live|stay|living ~2 somewhere|anywhere ~1 else",
        "live|living|stay ~3 not|instead ~2 at ~1 home",
        "home|house ~2 worst|scariest|horrible|awful|scary ~1 place",
        "keep|stay|stays|keeping ~1 out|away ~2 of ~1 his|her|their|dads|mums ~1 way",
        "never know ~2 mood ~2 he|hes|she|shes|dad|dads|mum|mums|they|theyre",
        "one|1 of his|her|their moods",
        "feel|felt|feels ~1 sick ~3 time ~2 go|going ~1 home|back",
        "cry|crying|cried|cries ~4 on the way to ~1 daddys|dads|mummys|mums|his|hers|their",
        "@FEAR ~3 door ~3 might|could|be ~1 him|her|them|he|dad|mum",
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
        "@NOT ~1 want|wanna|wana|like|wnt ~3 go|going|goin|be|stay|staying|live|living|sleep ~3 home|there|mums|dads|nans|him|her|them !yet|for",
        "please ~2 @NOT ~1 make|send ~1 me ~2 go|back|home",
        # "i hide under my bed when they fight", "he comes in my room at night".
        "hide|hiding|hid|hides|hidding ~1 from|under|in|behind ~2 him|her|them|dad|mum|bed|room|wardrobe|cupboard|bathroom",
        "come*|came|comin ~2 in|into my ~1 room ~3 night",
        "lock|locks|locking|locked myself in",
        "barricade*",
        # v4: fear of a particular adult or older child (NICE NG76: a child who is fearful of a particular person), and how it shows.
        "@FEAR ~1 of|off|ov|by ~3 @PEOPLE !dog|dogs|snake|snakes|spider|spiders|car|driving|reaction|film|films|game|games|face|mask|masks|costume|story|stories|cooking|cat|cats|horse|lizard|tarantula|jokes|telling",
        "@PEOPLE ~2 scares|scare|scared|frightens|frighten|frightened|terrifies|terrified|intimidates|creeps|freaks ~1 me|us|him|her",
        "@NOT like|likes|liked it? when|wen ~3 @HOME_ADULT ~2 comes|come|came|coming|stays|staying|visits|visit|round|over|drinks|drunk|here|there|home|back|sleeps|babysits|baths|alone",
        "@NOT ~1 like|likes|want|wanna|wana ~3 house|home|room|there|alone|left when|wen|if|while|with ~1 @HOME_ADULT ~2 there|here|around|drunk|drinking|angry|in|home|round|over|about|alone",
        "go|goes|went|going|gone|stay|stays ~1 quiet|silent ~3 when|wen|whenever|if ~2 @HOME_ADULT|@PEOPLE",
        "hide|hiding|hid|hides|hidding ~1 when|wen|if|whenever ~3 @HOME_ADULT|@PEOPLE|hear|car|key|keys|door|comes|drunk",
        "wet|wets|wetting|wee ~1 the|my ~1 bed ~3 when|wen|since|cos|because|after|if ~2 @HOME_ADULT|comes|stays|started",
        "nightmares|nightmare|dreams ~2 about|of ~2 @HOME_ADULT|@PEOPLE|what|home|going|that",
        "tummy|belly|stomach|head|feel|feels ~1 hurts|aches|sick|ill|poorly|funny|bad ~4 go|going|goes ~1 back|home|to|round ~2 dads|mums|@PEOPLE|there|his|her|their|house|nans",
        "eggshells|eggshell|egshells",
        "egg shells",
        "cant|never|dont|unable|cannot ~1 relax|rest|settle|breathe ~2 at|in|when ~1 home|house|there|hes|shes",
        "in ~1 case|cas ~3 have|need ~1 to ~1 get|run|leave|escape ~1 out|away|quick",
        "incase ~3 have|need ~1 to ~1 get|run|leave|escape",
        "sleep*|slept ~1 with ~2 shoes|trainers|clothes|knife|coat|bag|light ~1 on? ~1 in|incase",
        "@HOME_ADULT|stranger|strangers|someone|somebody|car|van|neighbour|older ~3 follows|follow|followed|following|followin ~1 me|us",
        "watches|watching|stares|staring|staring ~1 me|us ~3 scares|scary|creepy|weird|all|every|through|window|changing|sleep|sleeping|uncomfortable",
        "@FEAR ~4 when|wen|if|cos|whenever ~3 see|hear|hears|sees|smell ~1 him|her|them|@PEOPLE|his|their",
        "@FEAR ~3 at|in ~2 placement|home|foster|house|flat",
        "@NOT ~1 want|wanna|wana ~2 see|visit|stay|contact ~2 him|her|them|@PARENT|@PARTNER|uncle|grandad ~1 anymore|again|ever|at|cos|because|coz|he|she|they",
        "@FEAR|worried|worry|worries ~3 what|wat ~2 @HOME_ADULT ~3 do|does|did|doing|might|will|would",
        "@HOME_ADULT ~3 shouts|shouting|screams|screaming|angry|drunk|mad ~2 and i ~2 hide|shake|shaking|cry|scared|frightened|freeze",
        # v5: fear of a particular person, and how it shows (NICE NG76; NSPCC signs in a child).
        "@NOT|hate|hates|@FEAR ~2 being|be|left|stay|staying|sleep|sleeping ~1 alone|on ~2 with ~2 @NEAR_ADULT",
        "@FEARISH|hide|hiding|cry|crying ~4 hear|heard|hears|see|sees|saw ~2 his|her|their|the|dads|mums ~1 keys|key|car|van|footsteps|voice|steps|door|truck",
        "@FEARISH|hide|hid|hiding ~2 when|wen|whenever|if|once|til|till|until ~3 @NEAR_ADULT ~1 comes|come|came|gets|is|goes|stays|coming|drinks|drunk|angry|back|home|in ~1 round|home|in|back|over|drunk|angry|near|here|upstairs|mad|cross|in|up|from|the",
        "hate|hates|dread|dreading|dreads|dreaded ~1 being|going|at|in|go|get|getting ~1 home|house|back ~2 when|wen|cos|because|coz|if|while|whenever ~2 @HOME_ADULT|drunk|drinking|angry|fighting",
        "dread|dreading|dreads|dreaded ~2 going|go|being|getting|get ~1 home|back ~1 home",
        "dread|dreading|dreads|dreaded ~2 going|go|being|getting|get ~1 home",
        "@NOT ~1 want|wanna|wana|like ~3 go|going|goin|be|stay|staying|live|living|sleep ~3 placement|foster|carers|house|home|there|mums|dads|nans !yet|for",
        "lock|locks|locking ~1 my ~1 door|bedroom ~3 night|nights|every|when|whenever|scared|incase|from",
        "lock|locks|locking ~1 my ~1 door|bedroom ~2 so ~1 he|she|they|nobody|noone|no|hes|dad|mum|him|her|them ~1 cant|can|dont|doesnt|wont|cannot",
        "@PEOPLE|@NEAR_ADULT ~2 makes|make|made ~1 me|us ~1 feel ~2 scared|unsafe|uncomfortable|uneasy|nervous|frightened|sick|funny|weird",
        "@NOT ~1 feel|feels|felt ~1 safe|right|comfortable ~3 with|around|near ~2 @NEAR_ADULT",
        "@PEOPLE|@NEAR_ADULT ~4 frighten|frightens|scare|scares|terrify|terrifies|intimidate|intimidates ~1 me|us",
        "pretend|pretending|pretends|pretended ~3 asleep|sleeping ~3 when|wen|til|till|until|cos|so|because|whenever",
        "knife|knives|bat|hammer|scissors ~2 under ~1 my ~1 pillow|bed|mattress",
        "chair|wardrobe|drawers|bed|something ~2 against|behind ~2 my|the|bedroom ~1 door",
        "hear|heard|hears ~2 keys|key|car|footsteps|door|van ~4 @FEARISH|heart|hide|hiding",
        "please|pls|plz ~1 @NOT ~1 make|send ~1 me|us ~1 stay|go|live|sleep ~3 there|anymore|again|back|with|at",
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
        "out ~1 all night|nite|nigt|nyt",
        # v4: leaving, staying away, nowhere to live (Childline running away).
        "climb*|climbed|sneak*|snuck|crawl*|jumped ~2 out ~1 of? ~1 my|the ~1 window|windows|bedroom",
        "to ~1 get ~1 away ~2 from ~1 them|him|her|home|house|everyone|@PARENT|@PARTNER",
        "@NOT ~1 have|got ~1 anywhere|anyplace|somewhere|a ~1 home|place? to? live|stay|sleep",
        "hid|hide|hiding|hidden ~4 all ~1 night|nite|day",
        "outside|streets|street|park|woods ~3 all ~1 night|nite",
        "leave|go|run|going|leaving|left|went ~3 not|never ~2 come|coming ~1 back|home",
        "get|got|getting ~1 out ~2 and ~1 not|never|dont ~2 come back",
        "walk|walking|walked|wander*|roam*|ride|riding ~2 streets|street|round|about|around ~3 late|night|midnight|till|until|all|4am|3am|2am|1am",
        "@NOT|never ~1 going|goin|gonna|go|went ~1 back ~2 home|placement|there|mums|dads|house|carers|foster",
        "cant|cannot|cnt ~1 go|going ~1 home|back ~3 because|cos|coz|so|scared|he|she|they|mum|dad",
        "disappearing|disappears|disappeared|vanishes|vanishing|vanished ~2 for ~1 nights|days|hours|hrs|ages|weekend",
        "wont|doesnt|never|refuses|didnt ~1 say|tell|explain ~2 where ~2 from|been|hes|shes|they|she|he|goes|went|gets|got|stayed|staying",
        "im|am|were|we|are ~1 homeless",
        "staying|stay|stayed|sleeping|sleep ~1 at|round ~2 friends|mates|friend|mate|boyfriends|bfs ~3 cos|because|coz|cant|wont|not|nights|every|since|anymore",
        "kicked|chucked|thrown|threw|kicks|chucks|kick ~1 me|us|him|her ~1 out",
        # v5: leaving, staying out, sofa surfing, not going home (Childline running away; statutory guidance on children missing from home or care).
        "ran|run|running|runs|runnin|keep|kept ~1 off ~3 again|from|placement|home|carers|foster|police|night|nite|nights|days|when|wen",
        "out ~1 till|until|til|untill ~1 1am|2am|3am|4am|5am|6am|morning|sunrise|dawn|daylight|midnight",
        "so ~1 i|we dont|didnt|wont|never|aint have|hafta|gotta|gota to? ~2 home|there|him|her|them|back",
        "hasnt|havent|not|didnt|never|aint|wasnt ~1 come|came|been|got|gone|went|coming ~1 home|back ~3 since|all|night|nite|nights|days|weekend|@WEEKDAY",
        "@NOT|never ~1 going|goin|gonna|gona|go|went ~1 home|back ~1 tonight|tonite|2nite|ever|again",
        "nobody|noone|no1|no ~1 one? ~1 knows|know|knew ~2 where ~1 i|im|we|were|he|hes|she|shes|they|am|my|our",
        "packed|pack|packing ~2 bag|bags|stuff|things|case ~3 left|leave|leaving|run|ran|walked|walk|out|off",
        "staying|stayed|sleeping|slept|stay|sleep|stopping|kipping|kip ~3 different|random|strangers|other|someones|any ~1 peoples|people|houses|places|flats|sofas|mens|mans|blokes|floors|house|sofa",
        "sofa|couch ~1 to ~1 sofa|couch",
        "@NOT|never ~1 going|goin|gonna|gona|go|went ~1 back ~1 to ~2 placement|carers|foster|home|house|mums|dads|unit",
        "i|im|ill|gonna|might|will|going ~2 just ~1 leave|go|run|walk !to|for|at|in|early|now|school",
        "left|leave|walked ~1 out|home ~3 nobody|noone|no1|didnt|never|not|without ~2 know|knows|tell|told|telling|saying|anyone|bag",
        "@RUN|ran|running|left|leave|leaving|walked ~1 away|out ~2 from|of ~1 my|the|our ~1 placement|carers|foster|home|house|unit",
        "@NOT ~1 want|wanna|wana ~2 go|going|goin|come ~1 home|back ~2 ever|again|never|anymore",
        "ride|riding|rode|sleep|sleeping|slept ~2 night ~1 bus|buses|trains",
        "go|run|get|move ~1 far ~1 away !on|for|to|at|with",
        "not|without|never ~1 telling|tell|told ~1 anyone|anybody|nobody|noone|mum|dad|them ~2 where ~1 im|i|were|we ~1 going|am|was|been|gone",
        # v7: leaving, being found and brought back, staying out, written from the development misses (Childline running away; statutory guidance on children missing from home or care).
        "went|go|going|get|got|gets ~1 out ~2 window|windows",
        "stayed|stay|staying|stays ~1 out ~2 all|whole ~1 weekend|night|day|nite",
        "rec|park|streets|woods|station ~2 till|until|til ~1 the? ~1 morning",
        "was|were|been ~1 gone ~2 days|nights|2|3|4|5|two|three|four|five|week|weekend",
        "police ~2 brought|bring|brings|found|find|finds ~2 me|us ~2 back|home",
        "picked ~1 up ~2 by ~1 the? ~1 police",
        "im|i ~1 leaving|leave|going ~4 wont|never ~1 find ~1 me",
        "ive|i|im ~1 packed|packing ~1 a|my ~1 bag|rucksack|bags ~3 going|go|leaving|tonight|leave",
        "abscond*",
        "left|ran|walked ~1 home|out ~3 havent|not|never|didnt|aint ~2 back",
        "walked|ran|stormed ~1 out ~2 house|home|flat ~4 where",
        "stay|stayed|staying|stays ~1 out ~2 late|all ~3 cos|because|coz",
        "home|house ~1 is ~1 worse",
        "never ~1 ever ~1 come|coming|go|going ~1 home|back",
        "going|goes|go|went ~1 off ~1 at ~1 night|nite",
        "go|going|went|leave|left ~4 ~2 without ~1 telling|tellin ~1 anyone|anybody|mum|dad|them",
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
        "met|meet|meeting|meets ~1 him|her|them|someone|somebody|people|a|this|guy|man|boy|girl|my|strangers|men|lads ~2 @APP",
        "someone|somebody|man|guy|boy|person ~2 @APP ~3 wants|asked|asks|keeps|sends|sent|told|says|said",
        "groomed",
        "grooming|grooms me|her|him|kids|children|girls|boys|us",
        "exploit*",
        "boyfriend|bf|gf|girlfriend ~3 @ADULT_AGE",
        "make*|made|force*|forcing ~1 me|us ~1 carry|sell|hold|deliver|steal|shoplift",
        # v4: secrecy and grooming online and in person, and criminal exploitation (NSPCC grooming, CSE, CCE and county lines).
        "tell*|told|ask*|asked|asks|make*|made|says|said|want*|wants ~2 me|us ~1 to? delete|hide|clear|wipe ~3 chat|chats|messages|msgs|texts|convo|convos|conversation*|app|it|them|everything|snaps|history|pics",
        "phone|sim|account|accounts|app|chat|chats|messages|texts|snap|snapchat|insta|secret|number ~4 so my? @PARENT|parents|nobody|noone|no1|they|she|he|no one? cant|wont|doesnt|dont|never|couldnt|cannot ~1 see|know|find|check|read|hear",
        "gave|give|gives|bought|buy|buys|got|get ~1 me|us|her|him ~1 a? ~1 secret|second|new ~1 phone|sim|account",
        "says|said|told|tells ~2 we|were|are|im|i ~2 boyfriend|girlfriend|together|dating|soulmates|special|mature",
        "boyfriend|girlfriend|bf|gf ~1 and ~1 girlfriend|boyfriend|gf|bf",
        "but ~1 hes|he|shes|she|theyre ~2 grown|grownup|adult|older|married|teacher|coach|@ADULT_AGE|uni|works",
        "hes|shes|he|she ~2 a? ~1 grown ~1 up|man|woman|adult",
        "mature ~2 for ~1 my|your|her|his ~1 age",
        "special ~1 friend|friendship|relationship|secret|game|games|cuddles|time",
        "paid|pay|pays|cash|money|earn|earning ~4 drop|deliver|carry|hold|run|move|take|taking|dropping|delivering|carrying|holding|moving|running ~3 packages|parcels|package|parcel|bags|bag|stuff|things|drugs|gear|phone|cash",
        "take|taking|took|carry|carrying|deliver*|drop|dropping|move|moving|run|running ~2 packages|parcels|package|parcel|bags|bag|drugs|gear|stuff ~3 train|trains|town|towns|city|cities|london|miles|paid|money|cash|other|different|away|bus",
        "know|knows ~1 where ~1 i|we|you|my|me ~1 live|lives|family|mum|school|go|stay",
        "in ~1 too ~1 deep",
        "cant|cannot|cnt ~1 get|getting|leave ~1 out|away ~2 now|anymore|them|gang|it",
        "come*|came|coming|turns|turned|back ~3 home|back|up ~2 with ~3 cash|money|trainers|phones|phone|clothes|gifts|presents|designer|drugs|weed|injuries",
        "new ~1 trainers|phone|phones|clothes|money|cash|designer ~4 wont|doesnt|never|cant ~1 say|tell|explain",
        "never|not|havent|not ~1 met|meet|seen ~2 in ~1 real|person|irl",
        "never|not|havent ~1 met|meet|seen ~2 irl",
        "@OLDER|someone|stranger|somebody|person|gamer|account|he|she ~3 sends|sent|gives|gave|buys|bought|offered|offers ~1 me|us ~3 robux|vbucks|gift|gifts|credit|topups|skins|giftcards|vouchers|money|cash|presents",
        "wants|want|wanted|asked|asks|keeps|begging|trying|tries ~2 meet|meetup|meeting ~1 up|me|him|her ~3 secret|alone|nobody|dont|cant|without|mum|parents|tell",
        "@APP ~3 older|adult|grown|grownup|man|men ~3 asked|asks|wants|sent|sends|keeps|messag*|says|said|talks|talking",
        "going|go|went|gone|sent|send ~1 ot|cunch|country",
        "run|running|ran|runs ~1 a|the|their|his ~1 line|lines|phone|trap",
        "plug|plugging|plugged|plugs ~2 drugs|stuff|it|them|wraps|bag",
        "gang|gangs|olders|elders ~3 make|made|makes|force|forced|forcing|want|wants|got|use|used|using|groom* ~1 me|us|him|her|kids",
        "owe|owes|owed|owing ~1 them|him|her ~2 money|cash|debt|for|now|back|loads",
        "debt ~2 to? ~1 them|him|gang|dealers",
        # v7: gifts, secrecy, debts and errands, written from the development misses (NSPCC grooming; Home Office county lines guidance).
        "private|secret ~1 chat|chats ~3 not|dont|never ~2 tell",
        "phone ~4 answer ~1 it ~1 whenever|when|every|always",
        "answer ~1 it ~1 whenever",
        "messages|messaged|texts|texting|messaging ~1 me ~3 late ~2 night|nite",
        "buys|bought|buying ~1 me ~1 drinks|presents|stuff|things|clothes|phone|trainers ~3 hes|shes|and|messages|says|older|20|25|30",
        "puppies|puppy|sweets|kittens ~3 car|come|van|house",
        "inviting|invites|invited ~1 me ~1 in",
        "asked ~1 where ~1 i ~1 live",
        "sends|sent ~1 me ~1 money|gifts|presents|tickets|ticket",
        "wants ~1 to ~1 meet ~1 up",
        "debt|owe|owes ~3 work ~1 it ~1 off",
        "drop|dropping|deliver|delivering ~1 off? ~1 packages|parcels|bags|stuff",
        "carry|carrying|hold|holding ~1 a? ~1 knife|knives|stuff|gear ~1 for ~1 them|him",
        "paid ~2 go ~2 sell",
        "sell ~1 stuff",
        "train|bus ~1 ticket ~3 visit|see|meet",
        "grown ~1 up|man|woman ~3 asked ~2 girlfriend|boyfriend",
        "video ~1 chat ~3 room|door|bedroom|alone",
        "take|took|taking ~1 me|us ~2 to ~1 houses|flats|hotels|parties",
        "hotel ~3 man|men|older",
        "make|makes|made ~1 me ~1 nick|steal|shoplift",
        "making ~1 me ~1 do ~1 things",
        "its ~1 just ~1 between ~1 us",
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
        # v4: bullying without the word (Childline bullying, cyberbullying).
        "@SCHOOL|they|everyone|everybody|people|kids|class|some ~3 say|says|call|calls|called|calling|said ~2 im|i|me|my|were|we ~1 @INSULT",
        "get|gets|got|getting ~1 called ~1 names|@INSULT",
        "because|cos|coz ~1 of ~1 my ~1 colour|skin|religion|race|hijab|accent|disability|sexuality|weight|hair|name|autism|adhd|clothes",
        "@SCHOOL|they|everyone|everybody|people|kids ~3 hide|hides|hid|take|takes|took|steal|steals|stole|broke|break|breaks|rip|rips|ripped|throw|throws|threw ~1 my ~1 stuff|things|bag|lunch|money|phone|coat|books|shoes|food|pencil|case",
        "take|takes|took|taking|nick|nicks|nicked|steal|steals|stole ~1 my ~1 money|lunch|dinner",
        "everyone|everybody|all|class|kids|people|they|girls|boys ~3 laugh|laughs|laughing|laughed|mock|mocks|mocking|mocked ~1 at|me ~1 me|us|all|every|when",
        "nobody|noone|no1 ~2 play*|plays|sit*|talk*|talks|hang* ~2 with|to|next|out ~1 me|us ~2 cos|because|coz|and|they|every|ever|anymore",
        "film|films|filmed|filming|record*|video*|videoed ~1 me|us ~4 post*|put|tiktok|snap|snapchat|insta|online|laugh|everyone|share*|shared",
        "@FEAR ~3 school|bus|walk|walking ~3 because|cos|coz ~2 them|they|him|her|of|kids|boys|girls|gang|bullies|people",
        "everyone|everybody|they|people|kids ~2 hates|hate|ignores|ignore|ignoring ~1 me|us",
        "left|leave|leaving|leaves ~1 me|us ~1 out ~2 every|all|always|on|of|cos|because|everything",
        "@SCHOOL ~4 push*|pushed|shove*|shoved|trip*|tripped|spit|spat|spits|spitting ~2 me|us|on|at",
        "spit|spat|spits|spitting ~1 on|at ~1 me|us",
        "group ~1 chat|chats ~4 mean|nasty|horrible|laughing|hate|slagging|about ~1 me|us",
        "fake ~1 account|accounts|page|profile ~4 me|my|about",
    ),
    "domestic_abuse": (
        # v8: written from the development disclosures v7 missed (round 5).
        "@ADULT_VICTIM|mums|mams|moms|mummys ~3 black ~1 eye|eyes",
        "@PARENT|@PARTNER|he ~2 pulls|pulled|pulling|drags|dragged ~1 @ADULT_VICTIM|mummys|mums|mams|her ~1 hair",
        "burn|torch ~2 the|our ~1 house|flat|home ~1 down ~3 with|mum|her|us|inside",
        "kicked|smashed|booted|kicks|kicking ~2 the|our ~1 front|back ~1 door ~1 in|down",
        "holes ~2 in the|our walls|wall|doors|door ~2 where|from ~1 he|she|dad|they punched|kicked|hit",
        "@HOME_ADULT ~2 locks|locked ~1 @ADULT_VICTIM|her ~1 out",
        "in case ~1 he|hes|she ~1 hurts|hurt|hits|kills|attacks ~1 her|mum|mummy|mam|mom",
        "stand|stood|get|got|standing ~1 in ~1 between|betwen ~2 them|mum|dad",
        "throws|threw|chucks|chucked|throwing ~2 stuff|things|plates|cups ~1 at ~1 her|mum|mummy|mam|mom",
        "ring|rang|call|called|phone|phoned ~2 police|999|cops when|cos|because ~1 they|he|dad ~1 fight|fighting|start|starts|kicks",
        "@SIBLING ~1 upstairs|outside|away ~2 when|while ~2 they|he|she ~1 start|starts|fight|fighting|argue|shout|kick",
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
        # v4: what a child sees and hears at home (Domestic Abuse Act 2021: a child who sees or hears it is a victim).
        "hear|heard|hearing|listen|listening|hears ~3 them|they|@PARENT|@PARTNER|him|her ~2 fight|fighting|fights|fought|scream|screaming|screams|screamed|smash*|hitting|crying|cry|banging|throwing",
        "@ADULT_VICTIM|mummy|she ~1 cries|crying|cry|cried|screams|screaming|screamed|bleeding|hiding|hides|shaking ~3 when|wen|after|cos|because|coz ~3 shout*|throw*|hit*|drunk|drink*|angry|fight*|hurt*|comes",
        "@PARENT|@PARTNER ~3 throws|threw|smashes|smashed|breaks|broke|chucks|chucked ~1 things|stuff|plates|everything|chairs|furniture|tv|glasses|cups|dinner",
        "@PARTNER ~2 @NOT ~1 let|lets|allow|allows ~1 her|me|mum|mummy|us|my ~2 see|have|go|out|money|friends|phone|leave|talk|work|family",
        "he|she|@PARTNER ~2 takes|took|keeps|kept|controls|has ~2 all|my|her|mums ~1 money|wages|benefits|card|cards|pay|bank",
        "ask ~1 him|her ~2 for|before ~1 money|permission|everything",
        "@PARTNER ~3 @HIT_ANY ~1 her|him|mummy|mum",
        "@PARENT|@PARTNER|they ~2 fight|fighting|fought|fights|scrapping ~3 every|all|again|night|blood|police|hit|hurt|screaming|smash*|knife|badly|really",
        "blood ~4 after ~2 fought|fight|fighting|argument|row",
        "if ~1 i|she|mum|mummy|we ~1 leave|leaves|left|try|tries ~2 him|her",
        "he|she|@PARTNER ~2 said|says|threatened|threatens|will|gonna ~2 kill|hurt|take ~1 me|us|her|kids|children|baby|himself|herself ~2 if|when",
        "@PARTNER ~2 follows|tracks|tracked|tracking|followed|stalks|stalking|stalked|watches|monitors ~2 me|us|her|my|everywhere",
        "he|she ~2 tracks|tracked|tracking|stalks|stalking|stalked|monitors ~2 me|us|her|my|everywhere",
        "@PARTNER|he|she ~3 isolat*|cut|stopped ~2 me|us|her ~2 off|from|seeing|friends|family",
        "strangl*|choked|choke|chokes|choking|throttled ~3 her|mum|mummy|mam|my",
        "hide|hid|hiding|hides ~3 when|wen|while ~2 they|@PARENT|@PARTNER ~1 fight|fighting|argue|arguing|shout|shouting|scream",
    ),
    "other_harm": (
        # v8: written from the development disclosures v7 missed (round 5).
        "@GOING|will|hell|shell|theyll|hes|shes ~2 get|find ~1 me ~3 own|alone|placement",
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
        # v4: cruel treatment and punishment, harm by staff and carers, being made to drink or steal, and asks for rescue.
        "made|forced|force*|make|makes ~1 me|us|to ~2 kneel|stand|sit|sleep|squat|hold|stay|eat|drink ~4 hours|corner|all|outside|cold|garden|floor|rice|night|sick|shed|dog|bath|wall",
        "kneel|kneeling|knelt ~2 on ~1 rice|salt|peas|stones|beans|glass|gravel",
        "treated|treat|treats ~1 me|us? really? ~1 badly|bad|horribly|horrible|terribly|cruel|cruelly|awful|awfully ~3 childrens|foster|placement|carer|carers|residential",
        "restrain*|restraint*|pinned|holds|held ~4 hurt*|hard|pain|bruise*|breathe|too|floor",
        "make|makes|made|force*|forced ~1 me|us|him|her ~1 to? ~1 drink|smoke|take ~2 beer|alcohol|vodka|wine|cans|drugs|weed|pills|spice|till|until|cigarettes|ket",
        "@PARENT|he|she|they ~3 make|makes|made|takes|took|gets|got ~1 me|us ~3 rob|steal|shoplift|nick|burgle|break",
        "staff|carers|carer|workers|worker|teacher|teachers|coach|leader|leaders|sir|miss|nurse|nurses ~3 @HIT_ANY|restrain*|drag*|push*|shove*|@HIT_PASSIVE ~1 me|us|kids|children|them",
        "@NOT ~1 let|lets|allow|allows|allowed ~3 toilet|loo|bathroom|shower|wash|bath",
        "wet|weed|pooed ~1 myself|meself ~3 not|dont|wont|never|allowed|let",
        "want|wish|need|please|pls ~1 someone|somebody|sum1|you ~2 come|to ~1 get|take|rescue|save|fetch ~1 me|us ~1 from|out|away",
        "rescue|save ~1 me|us ~1 please|pls|plz|from",
        "get|take ~1 me|us ~1 out|away ~1 of|from ~1 here|this|there ~1 please|pls|plz|now",
        "need|needs ~1 help ~1 please|pls|plz|asap|urgently|quick",
        "punish*|punished|punishment ~4 lock*|hit|cold|hungry|hours|night|shed|dark|belt|kneel|stand",
        "lock*|locked|locks ~1 in ~2 room|shed|cupboard|cellar|garage|bathroom ~3 hours|days|night|all|punishment",
        # v5: cruel punishment, being shut in or out, kept from food and school (Working Together 2023; NSPCC).
        "@PUNISH|bad ~4 no|without|withhold*|stop*|stopped|skip ~1 @FOOD|food|eating|meals|water|drink|drinks",
        "no|without|withhold*|stop*|stopped|skip* ~1 @FOOD|food|eating|meals|water|drink ~4 @PUNISH|bad|talk|wrong",
        "sent|send|sends ~2 bed|room ~2 no|without ~1 @FOOD|food|eating",
        "stop*|stopped|wont|doesnt|didnt ~1 let? ~1 me|us ~1 eat|eating|drink|drinking ~2 day|days|whole|all|punish*|hours|week",
        "shave*|shaved|cut|cuts|chopped|chop|cutting ~3 hair|head ~4 @PUNISH|bad|angry|mad|revenge|teach|lesson",
        "keep|keeps|kept|keeping ~1 me|us|him|her ~1 off|home|from ~2 school|nursery ~3 so|bruise*|marks|nobody|noone|see|sees|notice|weeks|months|hide",
        "@NOT ~1 allowed|let|lets me|us? to? go|goto|attend to? ~1 school|nursery|college|doctor|doctors|dentist|hospital",
        "locked|lockd|lox ~1 out ~3 all|night|nite|hours|cold|garden|overnight|punish*",
        "@NOT|never ~1 let|lets|allow|allows me|us out|leave of? ~2 room|house|bedroom|flat",
        "locked|lockd|locks|lock|lox|shut|shuts ~1 in|inside|into ~2 cupboard|cupboards|shed|cellar|basement|garage|wardrobe|cage|box|loft|attic",
        "cold ~1 water|bath|baths|shower|showers ~4 @PUNISH|bad",
        "put|puts|putting|rubbed|rub ~2 chilli|chili|pepper|soap|mustard|vinegar|salt ~2 in|on ~1 my|our ~1 mouth|tongue|eyes",
        # v7: cruel treatment, drugs at home and threats outside, written from the development misses (Working Together 2023; NICE NG76).
        "tie|ties|tied ~1 me|us|him|her ~1 up|to ~2 chair|bed|radiator|table|up",
        "made|make|makes ~2 drink|eat ~2 salt|salty|soap|vinegar|chilli|mustard",
        "stay|stays|staying|sit|sleep|locked|shut|put|kept|keep ~2 in|under ~1 the|a ~1 cupboard|shed|cellar|basement|loft|garage",
        "puts|put|gives|give|gave|giving ~1 me|us ~1 her|his|their ~1 tablets|pills|medicine",
        "medicine|tablets|pills ~1 in ~1 my|our ~1 juice|drink|food|tea",
        "needles ~3 floor|house|home|about|around",
        "drugs ~3 in ~1 front ~1 of ~1 us|me|kids",
        "knife|machete|blade|gun ~3 my|his|her ~1 throat|neck|face",
        "threatened|threatens|threaten ~3 with ~1 a ~1 knife|machete|gun|blade|bat",
        "stabbed ~4 im|me ~1 next",
        "drives|drove|driving ~3 drunk|pissed|wasted|high|stoned",
        "follows|followed|following ~1 me|us ~1 home|to|from",
        "get ~1 me ~2 when ~2 own|alone",
        "start|set|light|starting ~1 fires",
        "woke ~1 up ~2 somewhere|someplace ~2 didnt|dont ~1 know",
        "dont|didnt ~1 know ~1 who ~1 to ~1 tell",
        "telling|told|tells ~1 me ~2 hate ~1 people",
    ),
    # Issue 15 moved these from other_harm and exploitation_grooming to their own categories.
    "emotional_abuse": (
        # "dad says im useless", "mum hates me", "they dont want me".
        "@PARENT|@PARTNER ~3 calls|called|says|said|tells|told|thinks ~3 useless|worthless|mistake|stupid|fat|ugly|thick|idiot|waste",
        "@PARENT|@PARTNER ~2 hates|hate me|us",
        "@PARENT|@PARTNER ~2 doesnt|dont|didnt|never|not ~1 love|loves|want|wants|wanted|like|likes ~1 me|us !to",
        # v4: put-downs, threats, rejection, blame, humiliation, being ignored (Working Together 2023; NSPCC emotional abuse).
        "@PARENT|@PARTNER|he|she|they ~3 calls|called|call|calling|says|said|tells|told|thinks|say ~2 me|im|i|a|an|youre|your|ur|was|am|us|were|its ~2 @INSULT",
        "@PARENT|@PARTNER ~3 calls|call|called|calling ~1 me|us ~1 names|horrible|nasty",
        "wish|wishes|wished ~3 never|wasnt|werent|hadnt|didnt ~1 born|had|have|there !in|on|a|an|earlier|later|sooner|before|after|into|as|at|with|for|yet|any|to|that|this",
        "says|said|tells|told|wishes ~3 never ~1 had|wanted ~1 me|us|kids|children",
        "@HOME_ADULT ~2 shouts|shout|screams|scream|yells|yell|swears|swear|shouting|screaming|yelling|swearing ~1 at|in ~1 me|my|us ~3 all|every|always|face|time|day|night|cry|names|constantly|nothing",
        "always|constantly|keeps|keep|forever|everyday ~2 shouting|screaming|yelling|swearing|shouts|screams ~1 at ~1 me|us",
        "screams|screamed|shouts|shouted|yells|yelled ~2 in ~1 my ~1 face",
        "@PARENT|@PARTNER|they ~3 make|makes|made|making ~1 fun ~1 of ~1 me|us",
        "laugh|laughs|laughing|laughed ~1 at ~1 me|us ~3 cry|crying|cried|upset|hurt|sad|scared",
        "blame|blames|blamed|blaming ~1 me|us ~3 everything|all|fault",
        "get|gets|got|getting|am|always ~1 blamed",
        "never|not ~1 good ~1 enough ~3 them|him|her|@PARENT|whatever|anything|matter|anyone|nobody",
        "@NOT|stopped|stop ~1 talk|talking|talks|speak|speaking|speaks ~2 to ~1 me|us ~3 days|weeks|punish*|hours|when",
        "ignore*|ignored|ignores ~1 me|us ~3 days|weeks|punish*|hours|whole",
        "silent ~1 treatment",
        "says|said|threaten*|threatens|tells|told ~4 care|foster|orphanage|away|adopted ~1 if|unless",
        "give|gives|giving|throw|throws|threw ~2 my ~1 toys|things|stuff|pet|dog|cat|puppy|teddy ~1 away|out",
        "says|said|threaten*|threatens|tells|told|keeps|always ~4 leave|abandon|send|put|give|kick|chuck|dump ~1 me|us ~2 away|care|orphanage|forever|behind|out|foster|streets",
        "threat*|threaten*|says|said|will|gonna ~3 kill|hurt|drown|rid|get ~2 my|the|our|of ~1 cat|dog|pet|puppy|kitten|rabbit|hamster ~1 if|unless i|we|you|u|me",
        "devil|demon|demons|witch|evil|possessed|spirit|spirits|curse|cursed ~2 in|inside|out ~1 me|of",
        "@HOME_ADULT ~3 says|said|calls|called|thinks|think ~3 evil|possessed|witch|devil|demon|cursed|bad",
        "says|said|tells|told|blames|blamed|thinks ~4 my ~1 fault",
        "@NOT ~1 belong|wanted|loved|welcome ~3 family|home|house",
        "@NOT|never ~1 wanted ~1 me|us",
        "treat*|treated ~1 me|us ~2 different*|worse|badly|like ~2 slave|dirt|rubbish|dog|animal|nothing|maid|servant|skivvy|different",
        "favourite|favourites|favours|favour|prefer|prefers ~3 sister|brother|sisters|brothers|siblings|over",
        "presents|christmas|birthday|treats|food|dinner|everything ~4 but|except ~1 not? ~1 me",
        "humiliat*|belittl*|degrad*|emotional* ~1 abus*",
        "puts|put|putting ~1 me|us ~1 down ~2 all|every|always|time|constantly|front|in",
        "@PARENT|@PARTNER ~2 ignores|ignore|ignored|ignoring ~1 me|us",
        "@PARENT|@PARTNER ~3 @NOT|never ~2 love|loves|hug|hugs|cuddle|cuddles|talk|talks|listen|listens|play|plays ~1 me|us|with|to",
        "makes|make|made ~1 me|us ~1 feel ~2 worthless|useless|stupid|small|rubbish|unwanted|unloved|scared|ugly|disgusting|pathetic",
        "@NOT ~1 allowed ~2 see|seeing|friends|out|talk|phone|play ~3 ever|months|punish*|weeks|never|anyone",
        # v5: belittling, blame, comparison, abandonment threats, being ignored (Working Together 2023; NSPCC emotional abuse).
        "says|said|tells|told|calls|called|telling|calling ~2 me|im|i|were|we ~2 @INSULT_STRONG",
        "@PARENT|@PARTNER|@HOME_ADULT ~3 call|tell|telling|calling|saying|say|says|said|told|tells ~2 me|im|i|a|an|youre|your|ur|was|am|us ~2 @INSULT",
        "@HOME_ADULT ~2 blame|blames|blamed|blaming ~1 me|us ~1 for ~3 leaving|left|divorce|split|splitting|dying|died|death|everything|drinking|fights|hitting|him|her|dad|mum|problems|ruining|leave",
        "im|i|am|was|me ~1 the ~1 reason ~3 everything|all|bad|split|left|leaving|drinks|drinking|unhappy|miserable|ruined|hate|hates|fight|fighting|sad|sick|died",
        "makes|make|made|making ~1 me|us ~1 feel ~2 nothing|nobody|invisible|burden|mistake|worthless|useless|unwanted|unloved|ashamed",
        "act|acts|acting|pretends|pretend|treats|treat|treated|looks ~2 like|as if? i|im|we ~2 invisible|exist|nothing|ghost|there",
        "@HOME_ADULT ~3 compare*|compares|compared ~1 me|us ~2 to|with",
        "ignore*|ignored|ignores ~1 me|us ~1 for ~1 days|weeks|hours|ages|whole",
        "@HOME_ADULT ~2 screamed|shouted|yelled|swore|screams|shouts|yells|swears ~1 at ~1 me|us ~2 every|all|always|constantly|names|till|until|cry|crying",
        "threaten*|threatens|threatened|says|said|tells|told|keeps|always ~4 put|send|give|leave ~1 me|us ~2 in|into|to|away|up ~1 care|foster|home|adoption|away",
        "@HOME_ADULT ~3 says|said|tells|told ~1 nobody|noone|no1|one ~2 love|loves|want|wants|like|likes|care|cares ~1 me|us|you",
        "says|said|threaten*|threatens|threatened|tells|told ~4 leave|go|walk ~2 never|not ~1 come back",
        "says|said|tells|told|blames|blamed ~2 i|im|me ~1 ruined|ruin|ruins|wrecked|spoiled|spoilt ~1 his|her|their|everything|my|our|the|life",
        "gonna|going|will|threatens|threatened|threaten|threatening ~2 put|send|give ~1 me|us ~2 in|into|to|away ~1 care|foster|home|adoption|police|orphanage",
        # v7: humiliation, rejection and control, written from the development misses (NSPCC and Working Together: emotional abuse).
        "make|makes|made|making ~1 fun ~1 of ~2 stammer|stutter|speech|lisp|weight|looks|face",
        "@AGENT ~2 humiliates|humiliate|humiliated|belittles|belittle|belittled|belittling ~2 me|him|her|us|son|daughter|kids|children",
        "puts|putting ~1 me|him|her|us ~1 down !as|for|on|to|in",
        "wish|wished|wishes ~2 only ~1 had",
        "calls|call|called ~1 me|him|her|us ~2 freak|devils|pathetic|worthless",
        "waste ~2 space",
        "i|im ~1 ruined|ruin|ruins ~2 their|his|her|our ~1 life|lives",
        "not ~2 part ~1 of ~2 family",
        "lucky ~3 anyone|any1|anybody ~2 have|want|wants|has|had ~1 me|you|him|her",
        "not|never ~1 allowed|aloud|alowed ~4 ~2 ever|anymore",
        "never ~2 say ~2 nice|anything ~1 nice",
        "only ~1 my ~1 sister|brother|sisters|brothers ~1 gets|get ~1 hugs|presents|love|cuddles|kisses",
        "make|makes|made ~1 me|us|him|her ~1 eat ~3 own|alone|kitchen|floor|room",
        "doesnt|dont|wont|never ~1 let|lets ~1 me|us ~1 eat",
        "shut|shuts|locks|locked|lock|put|puts ~1 me|us|him|her ~1 out ~3 garden|cold|night|side",
        "im|hes|shes|not ~2 not ~1 his|her|their ~1 son|daughter|child|kid",
        "died ~2 cos|because|coz ~1 of ~1 me",
        "worthless|useless|pathetic ~2 cos|because|coz ~2 thats|what ~2 they|he|she|say|says",
        "reads|read|reading ~2 diary ~3 out|mates|friends|dinner|everyone",
    ),
    "forced_marriage_honour": (
        "forced ~1 marriage|marry|married",
        "force*|make*|made|want*|sending|send ~2 me ~2 marry|married|marriage",
        "fgm",
        "female ~1 genital",
        "cut ~2 down there|their",
        # v4: forced marriage, honour-based abuse and FGM in children's words (HM Government forced marriage and FGM guidance).
        "@FORCE ~3 to? get? @MARRY",
        "have|has|got|gotta|being|told|tell|tells|telling|say|says|said|planning|plan|plans ~2 to ~1 get? @MARRY",
        "abroad|overseas ~4 @MARRY|husband|wife",
        "abroad|overseas ~3 summer|holiday|holidays|soon|year ~2 to? get? @MARRY",
        "want|wants|wanted ~2 me|her|us|my ~2 to? get? @MARRY",
        "marry|married|marrie|wed ~1 my|me|a|an|her ~1 cousin|cousins|uncle|older|old|man|stranger|someone",
        "picked|chosen|chose|choose|choosing|found|arranged|promised|picking|finding ~2 my|me|a|her ~1 husband|wife|man|partner|fiance|fiancee|bride|groom",
        "promised ~2 me|her|us ~2 to ~1 a|my|his|her|their ~1 man|cousin|boy|family|someone|husband",
        "nikah|rishta|shaadi",
        "promised|engaged|betrothed ~1 to ~1 my|a|an|his|her|some ~1 cousin|man|older|uncle|boy|stranger|someone|husband",
        "girls|girl|me|i|sister|daughter|sisters ~2 get|gets|got|getting|be|being ~1 cut ~3 home|summer|holiday|abroad|there|back|woman|clean",
        "@NOT ~2 want|wanna|wana|ready|choose ~2 to? get? @MARRY",
        "@MARRY ~4 young|school|cousin",
        "im|am|aged|age|only|was|turned|turning ~1 @CHILD_AGE ~4 @MARRY|husband|engaged",
        "@MARRY|nikah ~2 at|when ~2 @CHILD_AGE",
        "arranged ~2 @MARRY ~2 for ~1 me|us|her",
        "shame|shamed|honour|izzat|dishonour|dishonoured|disgrace|disgraced ~3 the|my|our|on ~1 family|name|community",
        "honour ~1 based|killing|killings|violence|abuse|crime",
        "izzat",
        "family|familys ~1 honour|reputation|izzat|name",
        "what ~1 people|community|everyone|relatives|family|aunties ~1 will|would|might|gonna ~1 say",
        "took|takes|taken|take|hide|hid|hidden|keep|keeps|kept|taking|have|has ~2 my|her|our ~1 passport|passports",
        "make|made|makes|force|keep|keeps|leave|leaving|left ~1 me|us|her ~2 stay|live|behind ~1 over|there|abroad ~1 there|after|for",
        "taking|take|takes|took|sending|send|sent|going ~2 me|us|her ~2 abroad|overseas|back ~3 married|marry|husband|wedding|stay|forever|good",
        "watches|watch|checks|check|controls|control|follows ~1 everything|every ~1 i|thing|move|one",
        "make*|made|making ~1 me|her|us ~1 a ~1 woman|lady",
        "special|big ~1 party|ceremony|celebration|procedure ~4 woman|girl|cut|cutting|clean|pure|down|holiday|abroad",
        "circumcis*|sunna|sunnah|khatna|khitan|bondo|tahara|gudniin|kutairi|sunat",
        "cut|cutting|cuts ~1 ceremony|party",
        "cut|cutting|cuts|cutted ~3 girls|girl|daughter|sister|cousin ~3 summer|holiday|abroad|home|there",
        "@NOT ~1 let|lets|allow|allows ~1 me|us|her ~1 go ~1 out|outside|school|anywhere ~3 because|cos|coz|people|family|boys|shame",
        # v7: pressure to marry and cutting described without the words, written from the development misses (Forced Marriage Unit and FGM multi-agency guidance).
        "pick|choose|chose ~1 one ~3 before|when|16|15|17",
        "photos|pictures|pics ~2 of ~1 boys|men|man|boy ~4 pick|choose|marry",
        "get|got|be|will|being ~1 cut|cutting ~3 like|when|visit|holiday|holidays|summer|africa|country|little|sister",
        "the|a|special ~1 cutting|cut ~3 when|like|she|aeroplane|holiday",
        "ceremony ~3 become ~2 woman",
        "engaged ~3 never ~1 met",
        "leave ~1 school ~2 and ~2 get|getting ~1 married",
        "get|getting|got|be ~1 married ~3 didnt|dont|not|exams|holidays|holiday|there|16|15|14|mosque",
        "married ~3 and ~2 really|so|very ~1 sad|upset|scared",
        "no ~1 to ~2 wedding|marriage",
        "my ~1 wedding ~3 dont|didnt|not",
        "arranged ~1 everything ~4 dont|didnt ~2 know ~1 him|her",
        "dishonour|shame|shamed ~3 family|sent|deal|disown|punish",
        "brought ~1 shame",
        "private ~1 parts ~3 proper|clean|girl|woman|lady|cut",
        "lady|woman ~3 make ~1 me ~1 clean",
        "big ~1 thing ~4 girls",
        "sure ~1 i ~1 dont|never ~1 talk ~1 to ~1 boys",
        "in ~1 case ~2 people ~1 talk",
    ),
    "image_based_abuse": (
        # v8: written from the development disclosures v7 missed (round 5).
        "sent|send a pic|pics|picture|photo|nude|nudes ~4 now ~1 everyone|everybody ~1 has|have|got|seen",
        "makes|made|forces|forced ~1 me ~1 send ~2 pics|pictures|photos|nudes|videos",
        "@AGENT takes|took|taking photos|pictures|pics|videos ~1 of me|my|her ~3 sleeping|asleep|bath|shower|undressed|naked|drunk|changing|bottom|bum",
        "wants|want ~1 more ~3 post|share|send|show ~1 it|them|everyone",
        "put|photoshopped|edited ~1 my ~1 face ~2 porn|nude|naked|sex",
        "selling|sell|sold ~2 pictures|pics|photos|videos ~2 of ~1 our|my|her|me",
        "asked ~1 for ~1 pics|pictures|nudes|photos ~2 by ~1 a|an ~1 man|adult|older|guy|stranger",
        "now ~2 got|has|have ~1 it|them|pictures|pics|videos|photos ~1 saved",
        "have|got pictures|pics|videos|photos ~2 want|wants me to do|send ~1 more",
        # Asked for, sent or shared nudes.
        "nude|nudes|naked|nakid ~2 pic*|photo*|video*|selfie*|pix",
        "send|sent|sending|asked|asks|ask|wants|want|keeps ~3 nude|nudes|naked|nakid",
        "send|sent|sending|asked|asks|ask|wants|want ~2 pic*|photo*|picture* ~1 of me",
        # v4: nudes asked for, taken, shared or threatened, and sextortion (Childline sexting and nudes; CEOP).
        "@EXPOSED ~2 @IMAGE",
        "@IMAGE ~4 @EXPOSED",
        "@IMAGE ~4 no|without ~1 clothes|clothing|top|pants",
        "@IMAGE ~4 without ~2 knowing|know|knew|permission|consent|asking|agreeing|realising",
        "screenshot*|screenshotted|screenshoted|ss ~2 my ~1 snap|snaps|pic|pics|photo|photos|picture|pictures|story|video|nudes|body",
        "threat*|threaten*|gonna|going|will|say*|said|blackmail* ~3 leak|share|post|send|show|expose|release|spread|upload ~3 @IMAGE|my|everyone|unless|if|online",
        "leak*|leaked|exposed|posted|shared|spread ~2 my|her|our ~1 @IMAGE|nudes",
        "send ~1 more ~2 @IMAGE|or|unless",
        "uses|using|used|hold|holds|holding ~2 it|them|that|pics|video|photos ~1 against|over ~1 me|us|her",
        "show|showing|showed|flash|flashed ~1 myself|my ~1 body|boobs|private*|bits|chest|bum ~3 camera|cam|webcam|video|call|facetime|online|snap",
        "ask*|asked|asks|want*|wants|wanted|made|make|makes|pressure*|pressured|told|trick*|tricked|get|got|begging|beg ~3 show|showing|flash|strip|undress|take ~2 myself|my|clothes|top|off|bra|body|boobs",
        "@OLDER|@PARTNER|he|him|someone|somebody|account|stranger|they ~3 ask*|keeps|kept|pressur*|beg*|want*|asking|asked ~2 for? ~1 pics|pix|nudes|photos|pictures|snaps|vids|videos",
        "put|posted|post|posting|uploaded|shared|sharing|share|spread|sent ~2 my|her ~1 pics|photos|pictures|nudes|videos|vids ~3 website|websites|porn|site|sites|everyone|everybody|whole|group|groupchat|gc|around|round|without",
        "sextort*|sextortion|blackmail*|sexting|sext|sexted|sexts|deepfake|deepfakes|nudify|upskirt*|onlyfans",
        "deep ~1 fake|fakes",
        "fake ~1 nudes|nude|naked|porn",
        "pay|money|cash|pounds|giftcard* ~4 or|else|unless ~3 post|share|send|leak|show|expose|everyone",
        "camera|cameras|webcam|cam ~3 bathroom|bedroom|shower|toilet|changing",
    ),
    "silenced_coached": (
        # v8: written from the development disclosures v7 missed (round 5).
        "if i tell|say|talk|mention|said|told ~4 ~4 my fault",
        "if i tell|say|mention|said|told ~4 ~4 taken|sent|take|send ~1 away",
        "have to say ~2 fine|ok|okay|good|happy ~1 or ~2 get|i|trouble",
        "gave|give|given ~1 me ~2 script|lines|words ~3 review|meeting|social|teacher|police",
        "told|have|has ~1 to ~1 say|tell ~3 i ~1 want|had|live|living|fell|love|like|happy|fine|ok|okay",
        "if i mention|tell|say|said|told|talk ~4 ~4 life hell|miserable",
        "if i say|tell|said|told ~4 ~4 never see",
        "threatened ~1 her|him|me|us ~1 if ~2 she|he|i ~1 did|told|tell|talk|talks|said|say",
        "break|split up the|our|my family ~2 if|cos|because ~1 i|we ~1 said|say|tell|told|talk",
        "police ~1 will|would|gonna take him|me|her|us ~3 if ~2 talks|talk|tell|tells|say|says",
        "if i break|tell it ~4 bad|terrible|horrible ~2 happen|happens",
        "last time i told|said ~4 ~4 trouble|punished|hit|beaten|hurt",
        # Secrets and threats are how abuse keeps a child quiet.
        "told|tells|tell|said|says|sed|telled ~3 not|never|dont ~1 to ~1 tell|tel|say",
        "our ~1 secret|secrit|secrat|secrete",
        "tell ~3 or else",
        # v4: secrets, threats about telling, and being told what to say (NSPCC: how abusers keep children quiet; NICE: a child who is told what to say).
        "secret|secrit|secrat|secrets|sekret|secreet ~4 tell|trouble|else|hurt|die|prison|jail|taken|away|mustnt|shouldnt|cant|wont|police|nobody|noone|anyone|kill|believe|mum|mummy|dad|daddy|special|between",
        "tell|told|trouble|mustnt|cant|special|between ~4 secret|secrit|secrat|secrets|sekret",
        "secret|secrit|secrat|secrets|sekret ~1 and|or|else|cos|because|coz|so|otherwise ~4 @TOLD_CONSEQUENCE",
        "if ~1 i|we|you ~1 tell|told|say|speak|talk|grass|snitch|tel ~1 anyone|anybody|any1|someone|you|up|out|the|about|what|them|police|teacher|worker|social|on|mum|dad ~4 @TOLD_CONSEQUENCE",
        "if ~1 i|we ~1 tell|told|tel ~4 @TOLD_CONSEQUENCE",
        "@PARENT|he|she|they|daddy|mummy ~2 will|would|gonna|go|get|going ~2 to? ~1 prison|jail|arrested|locked",
        "cant|cannot|not|never ~1 allowed|supposed|meant ~1 to? ~1 say|tell|talk|speak ~3 home|happens|happening|what|anyone|anybody|you|worker|workers|teacher|social|things|stuff|about|police",
        "told|tells|tell|telling|said|says|coached|teach*|taught|practised|practice|practise|rehears*|make|makes|made ~2 me|us|him|her|my? ~1 what ~1 to ~1 say|tell|write",
        "say|tell ~3 what ~2 told|tells|wants|want|wanted ~1 me|us ~1 to",
        "made|makes|make|told|tells|tell|forced|force* ~1 me|us|him|her ~1 to? ~1 lie|lying|pretend|deny|say|sign|write ~3 back|it|everything|that|nothing|fell|happy|fine|ok|okay|lying|lie|up|true|accident",
        "take|took|taking|takes ~2 back ~2 what|everything|it",
        "told|made|said|says|say|make|makes ~4 made ~1 it ~1 up",
        "pretend|pretending|act|acting ~3 happy|fine|ok|okay|normal|alright|good|nothing",
        "tell|tells|told ~2 us|me ~1 to ~1 smile|pretend|lie|behave|be ~4 you|worker|social|sw|police|teacher|nurse|visit",
        "cant|cannot|not|never|dont ~1 say|tell|speak ~1 the ~1 truth",
        "listen|listening|listens|watch|watches|watching ~3 when ~3 talk|speak|phone|call|talking|speaking ~3 worker|social|you|teacher|police|sw",
        "nobody|noone|no1|no ~1 one? ~2 believe|beleive|belive|believes ~1 me|us|you|her|him",
        "want|wanna|wana|need|needs|tried|try|trying ~2 tell|talk|say ~3 but|scared|afraid|frightened|cant|dont|worried|nervous",
        "dont|please|pls ~2 tell ~1 them|him|her|anyone|my|mum|dad|@PARENT ~3 i ~1 wrote|said|told|spoke|talked|messaged|did",
        "grass|grassing|snitch|snitching|snitches ~3 stitches|hurt|dead|kill|beat|jump|regret|get",
        "@NOT ~1 allowed ~1 to? ~1 talk|speak ~1 to ~1 you|worker|social|teacher|police|anyone",
        "said|says|told|tells|telling ~2 dont|not|never ~1 tell|say|mention ~3 social|worker|workers|teacher|police|you|school|doctor|nurse|anyone|anybody",
        "dont|never|not ~1 tell|say ~1 anyone|anybody|nobody ~3 or ~1 else|ill|you|we|he|she|they|i",
        "threat*|threaten*|threatened ~3 if ~1 i|we ~1 tell|told|say|talk|speak",
        "scared|afraid|frightened|scard ~3 tell|telling|say|saying|speak|talk ~3 what ~2 happen|happens|they|he|she",
        # v5: what a child is told will happen, or told to say (NSPCC: how abusers keep children quiet).
        "@TOLD_CONSEQUENCE|trouble|fault|blame|blamed|sad|upset ~3 if|when ~1 i|we|you|u ~1 tell|told|tel|telled|grass|grassed|snitch|snitched|spoke|speak|talk|talked",
        "if ~1 i|we|you|u ~1 tell|told|tel|telled ~4 fault|sad|upset|hate|shout|smack|bad|cry|angry",
        "keep|kept|keeps|keeping ~1 my|your|ur|our|me|his|her ~1 mouth|mouths|gob ~1 shut|closed",
        "told|tells|tell|said|says|make|made|makes ~2 keep|be|stay ~1 quiet|schtum|shtum|silent ~2 about|or|else|if|what|when|cos|because",
        "told|tells|tell|said|says|made|makes|make|forced|got ~3 to ~1 say|pretend|tell ~3 fine|ok|okay|alright|happy|nothing|fell|accident|slipped|lie|lies|everythings|good",
        "if ~2 social|socials|worker|workers|police|teacher|school|anyone|anybody|they|nurse|doctor|sw ~1 ask|asks|asked|come|comes|visit|visits ~3 say|tell|said ~1 nothing|nowt|nuffin|fine|ok|okay|everythings|everything",
        "dont|never|not ~1 tell|say|speak|talk ~1 to? ~1 the? ~1 social|socials|police|feds|school|teachers|worker|workers",
        "nobody|noone|no1|one ~2 believe|beleive|belive|believes|beleives|belives|listen a|to? ~1 kid|child|liar|you|u|her|him|anything|word",
        "who|nobody ~2 believe|beleive|belive ~1 you|u|a ~1 kid|over|liar",
        "have|got|gotta|had|told|tells|made ~2 to? ~1 say|tell|pretend ~1 i|we|she|he ~1 fell|fall|slipped|walked|tripped|banged",
        "@TOLD_CONSEQUENCE|trouble ~3 if ~1 i|we|you|u ~1 say|said|speak|spoke|mention|mentioned ~1 anything|something|owt|anythin|sumthing|word|about",
        "cant|cannot|not|never|isnt ~1 aloud|alowed|alloud|allowd|alowd ~1 to? ~1 say|tell|talk|speak",
        "what happens|goes|happened ~1 in|at|on ~2 house|home|family|flat ~2 stays|stay ~2 in|at",
        # v7: told what to say and what telling will cost, written from the development misses (NSPCC: how abusers keep children quiet; NICE NG76: a child who is told what to say).
        "meant|supposed|sposed|suposed|spose ~1 to ~1 say|tell",
        "practised|practiced|practise|practice|practicing|practising|rehearsed ~3 what|answers|script|say",
        "what ~1 i|we ~1 have|got|need|hafta ~1 to ~1 say|tell",
        "coach|coaching|coached|coaches ~3 on|what|children|kids|me|him|her|us ~2 say|tell",
        "if i|we say|tell|talk|mention|speak|told|said ~1 anything|it|truth|about|what|owt ~4 ~1 trouble|fault|taken|shamed|shame|broken|hell|beating|split|beaten",
        "promise|promised ~2 not|never ~1 to? ~1 tell|say",
        "not|never ~1 allowed|aloud|alowed|allowd ~1 to ~1 tell|say ~2 real|anyone|people|nobody",
        "say|tell|write|saying|telling ~2 the? ~1 real ~1 stuff|thing|things|story|truth",
        "cant|cannot|cnt|scared|afraid|frightened ~1 to? ~1 say|tell|write ~2 what ~1 really",
        "scared|afraid|frightened|terrified ~3 write|say|tell|speak ~1 the? ~1 truth",
        "checks|check|checking|reads|read|listens|listening ~1 what ~1 i|we ~1 say|said|write|wrote|tell|told",
        "reads|read|checks|check ~1 my ~1 forms|answers",
        "is|stays ~1 between ~1 us",
        "believe ~2 liar|liars",
        "opened ~1 my ~1 mouth",
        "say|tell|said|told ~2 bruises|bruise|marks|burns ~3 from|fell|fall|football|accident|stairs|door",
        "social|socials|worker|workers ~2 steal|steals|take|took ~1 kids|children|babies",
        "goes|go|went|going|checks ~1 through ~1 my ~1 phone|messages|texts",
        "@I|just|and ~1 say|said ~1 nothing",
        "dont ~1 tell ~1 anyone|anybody|nobody|noone|mummy|mum|daddy|dad|teacher ~2 is|he|she|they ~2 says|said|always",
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
    ("kill*|kil ~1 myself|meself ~1 laugh*", ("self_harm_suicide",)),
    # v4: "a secret, don't tell mum about her surprise party".
    (
        "secret|secrets ~4 ~4 surprise|present|presents|party|birthday|gift|gifts|christmas|santa|fancies|fancy|crush|crushes|fathers|mothers",
        ("silenced_coached",),
    ),
    (
        "surprise|present|presents|party|birthday|gift|gifts|christmas|santa ~4 secret|secrets",
        ("silenced_coached",),
    ),
    # v4: "told me what to say in my speech", lines for a play or an interview.
    (
        "what ~1 to ~1 say|write ~3 speech|play|assembly|script|presentation|nativity|show|audition|interview|lines|essay",
        ("silenced_coached",),
    ),
    # v4: "i was starving after football".
    (
        "starving|starved|hungry ~3 after|from ~2 football|school|pe|swimming|training|practice|match|game|walk|running|rugby|dance|gym",
        ("neglect",),
    ),
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
    # v5: knocks in sport: "got kicked in the shin at football", "hit with the ball".
    (
        "hit|hitted|kicked|kneed|elbowed|whacked|smacked|punched|hurt|bashed ~3 at|in|during|playing|by|with ~2 football|footy|pe|training|match|rugby|hockey|netball|practice|boxing|karate|ball|balls|goalie|dodgeball|tackle|game|judo|taekwondo|kickboxing|sparring",
        ("abuse_physical", "bullying_threats"),
    ),
    # v5: "i hurt myself playing football" is an accident, "on purpose" is not.
    (
        "hurt|hurted|injured|injure ~1 myself|meself ~1 playing|falling|fell|tripping|tripped|skating|riding|climbing|running|jumping|skateboarding|trampolining",
        ("self_harm_suicide",),
    ),
    (
        "hurt|hurted|injured|injure ~1 myself|meself ~1 at|in|on|during ~2 football|pe|training|match|rugby|trampoline|park|playground|gym|bike|scooter|skateboard|game|swings",
        ("self_harm_suicide",),
    ),
    # v5: the idiom "mum will kill me when she sees my trainers", "murder us if we are late".
    (
        "going|gonna|gona|gna|will|is|hell|shell|shes|hes ~2 kill|murder|kills ~1 me|us ~1 when|if|for|cos|because|coz|lol|haha|lmao ~2 using|use|used|borrowing|borrowed|wearing|wore|see|sees|seen|late|losing|lose|lost|break|breaks|broke|broken|ruin|ruined|forgot|forget|forgetting|miss|missed|spill|spilt|spilled|mess|messed|muddy|dirty|scratch|scratched|crash|crashed|being|dont|are|get|gets|eat|ate|eating",
        ("bullying_threats",),
    ),
    # v5: "i want to run away to the circus", "run away to hogwarts".
    (
        "run|ran|running|runaway away|off ~3 geese|goose|dog|dogs|bees|bee|wasp|wasps|spider|spiders|cows|cow|monster|monsters|zombie|zombies|ghost|seagull|seagulls|swan|swans|circus|disneyland|hogwarts|narnia|neverland|pirates|holiday|beach",
        ("running_away_missing",),
    ),
    # v5: "i dont want to go home because the party is fun", "to dads cos no wifi".
    (
        "home|there|mums|dads|nans|grans|house ~1 because|cos|coz|as ~3 boring|fun|wifi|party|holiday|amazing|brilliant|sleepover|games|ace|awesome|playing",
        ("feeling_unsafe_at_home", "running_away_missing"),
    ),
    (
        "home|back|there ~1 from|after|the|yet ~2 sleepover|party|holiday|disneyland|camp|beach|trip|fair|festival|cinema|zoo|park|fun",
        ("feeling_unsafe_at_home", "running_away_missing"),
    ),
    # v5: games, sport scores, pets and baby photos that share words with harm.
    ("played|playing|play ~1 hide and seek ~4 hid|hide|hiding ~1 in|under|behind", ("feeling_unsafe_at_home",)),
    ("battered|beaten|hammered|thrashed|smashed|beat ~3 nil|nill|0|1|2|3|4|5|6|7|8|9|10|goals|points", ("abuse_physical",)),
    ("older ~1 boys|lads|kids|girls ~3 football|footy|team|match|club|training|play|playing", ("exploitation_grooming",)),
    ("die|died|dying ~1 of|from ~1 embarrassment|embarassment|embarrasment|shame|laughing|laughter|boredom|cringe", ("self_harm_suicide",)),
    ("cat|cats|dog|dogs|kitten|puppy|hamster|rabbit|guinea ~1 scratched|scratches|bit|bites|scratch ~2 me|my|arm|hand|leg", ("self_harm_suicide",)),
    ("hit|hits|whacked|bashed|hitting ~1 me|us|her|him ~2 with ~1 a|the|her|his|my ~1 pillow|pillows|balloon|foam|sponge|snowball|snowballs|nerf", ("abuse_physical",)),
    ("went|go|gone|goes ~1 missing ~1 in|at|for ~2 supermarket|shop|shops|tesco|asda|shopping|centre|mall|zoo|beach|festival|minutes|mins|seconds", ("running_away_missing",)),
    ("baby ~1 pictures|pics|photos|photo|picture|pic", ("image_based_abuse",)),
    # v7: promises kept about small mischief: "promise not to tell mum she broke the vase".
    (
        "promise|promised ~4 ~4 broke|broken|password|passwords|surprise|present|presents|party|birthday|crush|fancies|club|den",
        ("silenced_coached",),
    ),
    # v8: adult patients writing about their own care (the NHS comments' development half):
    # a harm word said of a service, a clinician or a treatment, not of a child's home. Each
    # is a deliberate trade: a child in a hospital or on a unit who writes only these words
    # about staff is missed by the patterns (abuse by staff in a children's home is not
    # covered here: "staff" alone is not a clinician word).
    # "the neglect received", "poor treatment and neglect", "suffered through the ward's neglect".
    (
        "neglect* ~3 received|receiving|treatment|treatments|service|services|nurses|nursing|ward|wards|hospital|clinical|patient|patients",
        ("neglect", "other_harm"),
    ),
    (
        "treatment|service|services|nurses|nursing|ward|wards|hospital|hospitals|clinical|patient|patients ~3 neglect*",
        ("neglect", "other_harm"),
    ),
    # "the CPN who was verbally abusive", "nurses reminded not to make patients feel intimidated".
    (
        "cpn|nurse|nurses|doctor|doctors|receptionist|receptionists|consultant|consultants|psychiatrist|paramedic|paramedics|gp|clinician|clinicians|therapist|midwife|midwives|porter|porters|physio|patient|patients ~4 ~4 abuse|abusive|abused|intimidated|intimidating",
        ("other_harm", "bullying_threats", "emotional_abuse"),
    ),
    (
        "abuse|abusive|intimidating|intimidated ~3 to|towards|by|from ~1 patients|patient|staff|nurses|doctors|clinicians",
        ("other_harm", "bullying_threats", "emotional_abuse"),
    ),
    # An adult asking for therapy for past abuse: "a psychiatrist for domestic and childhood abuse".
    (
        "therapy|counselling|counseling|psychiatrist|psychologist|psychotherapy|psychotherapist|emdr ~4 ~4 abuse|abused|trauma",
        ("other_harm", "domestic_abuse"),
    ),
    # "a place of refuge", "accidentally overdosed on paracetamol".
    ("place|places|haven of refuge", ("domestic_abuse",)),
    ("accidental*|accidently|mistakenly ~2 overdos*|overdoes*", ("self_harm_suicide",)),
    # A patient well cared for in hospital: "lovely staff ... i don't want to go home".
    (
        "staff|nurses|nurse|ward|hospital|hospice|cared|treated ~4 ~4 dont|never|not ~1 want to go|leave home",
        ("feeling_unsafe_at_home", "running_away_missing"),
    ),
)
# fmt: on
