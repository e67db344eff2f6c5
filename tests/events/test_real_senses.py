"""Everyday uses of the lexicon's verbs that real news is full of, and the clauses that assert no
act, each beside the sentence where the same verb is an event: sentences we wrote in the style
of US politics, weather and disaster reporting and world news (issue 22, third real-news pass)."""

from __future__ import annotations

import pytest

from helpers import make_article

pytestmark = pytest.mark.slow


def _types(text: str) -> list[str]:
    from storyline.events import EventCoder, find_events
    from storyline.nlp import analyse, load_model

    article = next(analyse([make_article(text=text, published="2025-03-10")]))
    return [e.type for e in find_events(article, load_model()(article.text), EventCoder(min_confidence=0.0)).events]


# (everyday sentence, the type it must not code, the sentence where the verb is the act)
PAIRS = [
    # a refusal to speak refuses no act
    ("The ministry declined to comment on the report.", "REJECT",
     "Syria declined to attend the conference in Geneva."),
    ("The senator refused to speculate on the outcome of the vote.", "REJECT",
     "Iran refused to halt uranium enrichment."),
    ("The spokesman refused to answer questions about the deal.", "REJECT",
     "Iran refused to halt uranium enrichment."),
    # cancelled flights, classes or one's own rally: no sanction
    ("Airlines canceled more than 900 flights at Denver on Sunday.", "SANCTION",
     "Egypt cancelled a gas deal with Israel."),
    ("The school district canceled classes on Friday because of the snow.", "SANCTION",
     "Washington cancelled joint military exercises with Seoul."),
    ("The candidate canceled his rally in Ohio after the storm.", "SANCTION",
     "Washington cancelled joint military exercises with Seoul."),
    # seeking to do something is trying; seeking something is asking for it
    ("In the 1950s the United States sought to develop a nuclear-powered engine.", "REQUEST",
     "Kenya sought help from the United Nations."),
    # insisting that something is so is a claim; insisting on something, or that someone act, a demand
    ("The governor insisted that his plan has worked.", "REQUEST",
     "Moscow insisted that Kyiv withdraw its troops."),
    ("The governor insisted that his plan has worked.", "REQUEST",
     "France insisted on an immediate ceasefire."),
    ("The former aide pleaded guilty to fraud in 2019.", "REQUEST",
     "The mayor pleaded with the government to send aid."),
    ("Hariri said he was fine and would return to Beirut.", "SANCTION",
     "A court fined the company $2 million."),
    # searching for someone, or through rubble, is looking; searching homes a raid
    ("Helicopters searched for the missing hikers on Tuesday.", "COERCE",
     "Police searched the homes of three activists."),
    # recognition, ties and support: of a state, of relations, not of a fact or a command centre
    ("Most voters recognize that the economy is weak.", "SUPPORT",
     "Sweden recognized the State of Palestine in 2014."),
    ("Ten women were recognized for their work in medicine.", "SUPPORT",
     "Kosovo was recognized by Sweden in 2008."),
    ("The senator recognized the daylight between the two platforms.", "SUPPORT",
     "Sweden recognized the State of Palestine in 2014."),
    ("The navy established a command center near the cave.", "SUPPORT",
     "Israel and Bahrain established diplomatic relations."),
    ("The vote reaffirmed the power of the party's base.", "SUPPORT",
     "Japan reaffirmed its support for Ukraine."),
    # words delivered are no aid
    ("The senator delivered a heartfelt defense of her husband.", "AID",
     "The European Union delivered 20 tonnes of medical supplies to Gaza."),
    # a suicide attacks no one
    ("The gunman killed himself as police arrived.", "ASSAULT",
     "The gunman shot two guards before fleeing."),
    ("The gunman later shot himself in a stairwell.", "ASSAULT",
     "The gunman shot two guards before fleeing."),
    # what is asked about is not asserted
    ("It is unclear whether the rebels will accept the deal.", "AGREE",
     "The rebels accepted the deal, officials said."),
    ("Officials did not say whether troops had withdrawn from the town.", "RETREAT",
     "Russia pulled its troops out of Kherson."),
    # a rescue pulls people out; a retreat pulls troops out
    ("Firefighters pulled people out of flooded cars.", "RETREAT",
     "Russia pulled its troops out of Kherson."),
    # a warning of a hazard is no threat
    ("One economist warned that the storm could disrupt supply chains.", "THREATEN",
     "Iran warned that it would close the Strait of Hormuz."),
    ("Officials warned that the blizzard would bring dangerous wind chills.", "THREATEN",
     "Iran warned that it would close the Strait of Hormuz."),
    # speaking to reporters or an audience, or talking alone, consults no one
    ("The minister spoke to reporters outside the building.", "CONSULT",
     "Putin spoke with Erdogan about the grain deal."),
    ("The governor was speaking with the press in Miami on Wednesday.", "CONSULT",
     "The Kenyan president talked with Ethiopian leaders about the border."),
    ("The president spoke to supporters via video on Thursday.", "CONSULT",
     "Lavrov spoke to Blinken by phone on Monday."),
    # a visit goes to a country or city, not to a hospital; flying children somewhere is transport
    ("Israeli doctors traveled to the main hospital in the capital.", "CONSULT",
     "The prime minister travelled to Beijing on Monday."),
    ("The party plans to fly hundreds of children to Miami.", "AGREE",
     "The minister plans to fly to Kabul for talks with the Taliban."),
    ("The charity flew hundreds of children to Miami.", "CONSULT",
     "The minister flew to Kabul for talks with the Taliban."),
    # an election beats rivals; a campaign fights on
    ("The senator beat his Democratic challenger by ten points.", "ASSAULT",
     "Police beat protesters in Minsk."),
    ("Jordan beat Iraq 2-1 in the Asian Cup on Tuesday.", "ASSAULT",
     "Riot police beat demonstrators with batons."),
    ("He insists that he will fight on to the convention.", "THREATEN",
     "The rebels will fight government troops in Goma, their commander said."),
    # a participle saying where people stand is no act
    ("A super PAC supporting the governor spent two million dollars on ads in Iowa.", "SUPPORT",
     "The union endorsed the governor on Tuesday."),
    ("Activists opposing the war gathered outside the embassy.", "REJECT",
     "The council rejected the plan on Monday."),
    ("Pastors backing the senator made calls across the state.", "SUPPORT",
     "Evangelical pastors backed the senator's bid for the nomination."),
    # an election win, a crime, an interview and a rescue are no act
    ("The former senator beat the governor in the 1984 primary.", "ASSAULT", "Police beat protesters with batons."),
    ("The group is spending money to help the congressman beat back a primary challenge.", "ASSAULT",
     "Soldiers beat a journalist in the capital."),
    ("Protesters who committed violent acts were condemned by the council.", "AGREE",
     "Iran committed to talks with the European Union on Monday."),
    ("The rebels committed atrocities in the village.", "AGREE", "Britain committed 500 troops to the mission."),
    ("A second official, who spoke to CNBC on the condition of anonymity, said it was an accident.", "CONSULT",
     "The minister spoke to his French counterpart on Monday."),
    ("Four of the boys were pulled out of the cave late on Sunday.", "RETREAT", "Russia pulled its troops out of Kherson."),
    # a candidate's rally, a shared view and a flight are no act
    ("Senator Warren held a rally at the state university on Tuesday night.", "PROTEST",
     "The opposition leader held a rally against the president in the capital."),
    ("The candidate held a campaign rally in Ohio.", "PROTEST", "Workers held a rally outside the factory."),
    ("Many people at his rallies agreed with Senator Warren on the issue.", "AGREE",
     "Iran agreed with Russia on a ceasefire."),
    ("Relief aircraft from China flew into the capital on Monday.", "CONSULT",
     "The French president flew into Port-au-Prince on Monday."),
    # words against a decision, an admission, a blast in a test
    ("Republicans criticized the president for attacking the court's decision.", "ASSAULT",
     "Russian forces attacked the town on Monday."),
    ("The senator's advisers privately conceded that it had been a difficult night.", "CONCEDE",
     "The president conceded defeat on Sunday."),
    ("Five engineers were killed in a mysterious explosion during a rocket engine test at sea.", "ASSAULT",
     "A bomb explosion killed five people in Kabul."),
]


@pytest.mark.parametrize("everyday, kind, plover", PAIRS)
def test_the_everyday_use_codes_none_and_the_act_stays(everyday, kind, plover):
    assert kind not in _types(everyday), everyday
    assert kind in _types(plover), plover


def test_a_politician_hit_or_attacked_as_someone_is_accused():
    assert _types("Trump, who has hit Clinton for enabling her husband, released a video.") == ["ACCUSE"]
    assert "ACCUSE" in _types("The governor has relentlessly attacked her as an unreliable guardian of workers.")
    assert "ASSAULT" not in _types("The governor has relentlessly attacked her as an unreliable guardian of workers.")
    assert "ASSAULT" in _types("Israeli jets hit a weapons depot near Damascus.")


def _read(text: str) -> list[str]:
    """The types the clause reader gives a text, before any doer is looked for."""
    from storyline.events.triggers import clause_heads, read_clause
    from storyline.nlp import load_model

    doc = load_model()(text)
    return [r.type for sent in doc.sents for head, _, _ in clause_heads(sent) for r in [read_clause(head)] if r]


# (everyday sentence, the type its clause must not read, the sentence where the verb is the act)
READ_PAIRS = [
    ('"I am grateful," the singer said as she accepted her award.', "AGREE",
     "The rebels accepted the peace plan on Monday."),
    ("Delegates were angry that party leaders ignored the push to free delegates to vote as they wish.", "RETREAT",
     "The rebels freed twelve hostages in northern Mali."),
    ("Part of Route 9 shut down Monday at around noon due to an overturned lorry.", "COERCE",
     "The government shut down the internet in the region."),
    ("Several school districts in the county also called off school or announced early closures.", "CONCEDE",
     "The union called off the strike after talks."),
    ("So even analysts who favour the plan agree that progress toward it will be slow.", "AGREE",
     "Chile and Peru agreed that talks would resume in May."),
    ("The mayor spoke at a breakfast before hitting a farmers' union gathering and then a rally.", "ASSAULT",
     "Israeli jets hit a weapons depot near Damascus."),
    ("Strong ads from his super PAC helped lift him into contention.", "CONCEDE",
     "The United States lifted sanctions on Venezuelan oil."),
    ("Her plans would provide Americans with greater economic security.", "AGREE",
     "Japan will provide the refugees with food and tents."),
]


def test_an_outage_cuts_off_nothing_and_a_community_rallying_round_supports():
    assert _types("Kenyan state media said a power outage had cut off ventilators at a hospital in Nairobi.") == []
    assert "SANCTION" in _types("Russia cut off gas supplies to Bulgaria.")
    assert _read("Our community has rallied around us after the attack.") == ["SUPPORT"]
    assert "PROTEST" in _types("Thousands rallied in Tunis against the government.")


# (a prediction, a non-answer or an everyday object, the type it must not read, the act itself)
READ_PAIRS_2 = [
    ("It was unclear how the protesters would respond, or whether senior officials would accede to the move.",
     "AGREE", "Senior officials acceded to the move on Monday."),
    ("I don't think the Republican Party would accept him.", "AGREE",
     "The rebels accepted the peace plan on Monday."),
    ("Activists said they fear the two leaders will make a deal with the opposition.", "AGREE",
     "The two leaders said they will make a deal with the opposition."),
    ("Most aides don't expect him to back Clinton on Thursday.", "REJECT",
     "Iran refused to halt uranium enrichment."),
    ("A senior official said he would not confirm or deny that a mishap occurred.", "REJECT",
     "Iran denied that it had supplied drones to Russia."),
    ("Many workers were once able to support their families on a single wage.", "SUPPORT",
     "The senator voted to support the families of the victims."),
    ("Women have been granted some more freedoms, including the right to drive.", "AID",
     "Germany granted asylum to the Afghan interpreters."),
    ("A report by the group warned that large cities were under threat from extreme heat and rainfall.", "THREATEN",
     "Iran warned that it would retaliate against any attack."),
]


def test_a_belief_about_a_past_act_keeps_it_and_an_emergency_for_a_storm_is_none():
    assert "ASSAULT" in _read("Officials believe the gunman shot two guards before fleeing.")
    assert "AGREE" in _read("Iran expects to sign the deal with Oman on Monday.")  # its own intent
    assert _types("Georgia and Virginia declared emergencies ahead of the storm.") == []
    assert "COERCE" in _types("The army declared martial law in the capital.")


# (a state, an imperative, an emergency call or an undone deal; the type it must not read; the act)
READ_PAIRS_3 = [
    ('"They found several victims injured and several victims deceased," he said.', "ASSAULT",
     "Two protesters were wounded by police in Nairobi."),
    ("Doctors joined local physicians at the collapsed hospital where thousands of wounded were treated.", "ASSAULT",
     "Police found the body of a soldier killed in the attack on the checkpoint."),
    ("Some people were down on the ground pretending to be shot, he said.", "ASSAULT",
     "The gunman had killed one person and shot and wounded 13 others."),
    ('"Our playbook is simple: Meet people not once, but twice," the spokeswoman said.', "CONSULT",
     "The Chilean president met the Argentine foreign minister in Santiago."),
    ("The banners repeated the protesters' demands: withdraw the bill, scrap the tax.", "RETREAT",
     "The rebels freed twelve hostages in northern Mali."),
    ('"I will stop any trade deal that kills jobs," she said.', "AGREE",
     "The rebels said they will sign the deal on Monday."),
    ("There were not multiple calls placed by the chairman to the candidate.", "REJECT",
     "Chile did not accept Bolivia's proposal."),
    ("Officers responded to a call of shots fired at the facility.", "CONSULT",
     "Iran responded to calls for talks with the United States."),
    ("State police handled more than 100 crashes and 325 calls for service in a day.", "REQUEST",
     "The opposition called for new elections in Caracas."),
    ("The National Weather Service called for snow accumulations of 2 to 7 inches.", "REQUEST",
     "The opposition called for new elections in Caracas."),
]


def test_an_attack_that_left_people_injured_stays():
    assert "ASSAULT" in _read("The shocking attack left another 34 people injured, some critically.")
    assert "ASSAULT" in _read("The bombing left twelve people dead and dozens injured.")


def test_a_quake_that_injured_thousands_has_no_doer():
    assert _types("The quake killed an estimated 200,000 people, injured 250,000 and left 1.5 million homeless.") == []
    assert "ASSAULT" in _types("Rebels killed ten villagers, wounded 12 and burned their homes in Mali.")


# (an accident, a habit or a condition; the type it must not read; the act itself)
READ_PAIRS_4 = [
    ("Experts suspected an accidental blast and radiation release occurred during the test.", "RETREAT",
     "Hamas announced the release of three Israeli hostages."),
    ("The official was referring to the 1986 explosion at the Chernobyl nuclear power plant.", "ASSAULT",
     "A car bomb exploded near the ministry in Mogadishu."),
    ("Democratic politicians typically oppose taxing consumption on fairness grounds.", "REJECT",
     "Democrats opposed the bill in a vote on Tuesday."),
    ("National reporters are routinely threatened and harassed.", "COERCE",
     "Police threatened and harassed reporters at the rally."),
    ("Trump offered to appear at the debate upon the condition that the network contribute $5 million.", "AID",
     "Japan provided $50 million to the United Nations refugee agency."),
]


def test_a_gas_explosion_or_an_engine_is_no_attacker_and_a_bomb_is():
    assert _types("A gas explosion killed six people in an apartment block in Tehran.") == []
    assert _types("Liquid fuel missile engines exploding do not give off radiation, he said.") == []
    assert "ASSAULT" in _types("A bomb explosion killed six people at a market in Baghdad.")
    assert "ASSAULT" in _types("A blast at a checkpoint in Kabul killed four soldiers.")
    assert "RETREAT" in _read("The prisoner release took place at dawn.")


# (aides or rescuers sent, a statement, a refusal under 'not going to'; the type; the act)
READ_PAIRS_5 = [
    ("Some of his trusted aides were dispatched to Washington for the hearings.", "MOBILIZE",
     "The United States dispatched another 4,000 troops to Haiti."),
    ("More than 100,000 people were evacuated, with thousands of emergency personnel deployed to assist.", "MOBILIZE",
     "Thousands of firefighters and police officers were deployed across the city."),
    ("Rescue teams that were stationed in Malatya were sent to Elazig within the hour.", "MOBILIZE",
     "Police were stationed outside the parliament building."),
    ("The actress was honored for fearlessly speaking out about issues of race and identity.", "ACCUSE",
     "Rights groups spoke out against the crackdown in Minsk."),
    ("He told them that he was not going to step down and planned to stay in office.", "RETREAT",
     "The minister resigned on Monday after the vote."),
]


def test_a_deployment_of_police_and_military_stays():
    assert "MOBILIZE" in _read("More than 6,000 firefighters, and nearly 2,000 members of the police and "
                               "Chinese military, had been deployed across the flooded areas.")


# Wire sentences we wrote to probe each rule above in its PLOVER sense: they keep their event.
WIRE = [
    ("U.S. envoy Dennis Ross arrived here Tuesday for talks with Palestinian leaders.", "CONSULT"),
    ("The PLO recognized Israel's right to exist in 1993.", "SUPPORT"),
    ("Israel lifted the closure of the West Bank and Gaza Strip on Monday.", "CONCEDE"),
    ("The junta cancelled the elections scheduled for May.", "SANCTION"),
    ("Government troops deployed in the capital after the coup.", "MOBILIZE"),
    ("The United Nations deployed observers in southern Lebanon.", "MOBILIZE"),
    ("Israeli warplanes hit Hezbollah positions for the third day.", "ASSAULT"),
    ("Israeli jets attacked targets in Gaza for a second day on Tuesday.", "ASSAULT"),
    ("Israeli troops searched for militants in Nablus.", "COERCE"),
    ("Jordan granted amnesty to 300 prisoners.", "CONCEDE"),
    ("Officials said they hope the talks will resume next week.", "AGREE"),
    ("Israel did not hesitate to strike back.", "ASSAULT"),
    ("The bodies of three soldiers killed were returned to Israel.", "ASSAULT"),
    ("Iran often accuses the United States of interfering.", "ACCUSE"),
    ("The court freed the journalist to return home.", "RETREAT"),
    ("Kenya cancelled the flights of the Somali airline.", "SANCTION"),
]


@pytest.mark.parametrize("text, kind", WIRE)
def test_wire_sentences_keep_their_event(text, kind):
    assert kind in _types(text), text


def test_reported_beliefs_and_subjunctive_insistence_stay_a_comment_refused_codes_nothing():
    assert "THREATEN" in _types("Israeli officials said they believe Hezbollah will attack again.")
    assert "AGREE" not in _read("I do not think the Republican Party would accept him.")
    assert "REQUEST" in _types("Arafat insisted that the talks continue.")
    assert "REQUEST" not in _read("The candidate insisted that they are innocent.")
    assert _types("Syria refused to comment on the Israeli raid.") == []


@pytest.mark.parametrize("everyday, kind, plover", READ_PAIRS + READ_PAIRS_2 + READ_PAIRS_3 + READ_PAIRS_4 + READ_PAIRS_5)
def test_the_everyday_clause_reads_no_act_and_the_act_reads_its_type(everyday, kind, plover):
    # the pairs of every class above: its clause of everyday use, the type it must not read,
    # and a sentence of the same verb where the act is there
    assert kind not in _read(everyday), everyday
    assert kind in _read(plover), plover


def test_a_date_after_the_object_is_no_particle_and_seizing_on_a_claim_is_no_seizure():
    # "on Tuesday" says when; "seized on a remark" is the phrasal verb (no act)
    assert "COERCE" in _types("Rebels seized the town of Goma on Tuesday.")
    assert "COERCE" in _types("Rebels seized the town of Goma.")
    assert "COERCE" not in _types("The senator seized on a remark by the mayor.")


@pytest.mark.parametrize("text, kind, other", [
    ("Protesters seized government buildings in the capital on Tuesday.", "PROTEST", "COERCE"),
    ("Protesters stormed the parliament on Tuesday.", "PROTEST", "ASSAULT"),
    ("Police seized the building on Monday.", "COERCE", "PROTEST"),
    ("Rebels stormed the airport on Monday.", "ASSAULT", "PROTEST"),
])
def test_a_crowd_that_takes_a_building_protests_and_armed_men_coerce_or_attack(text, kind, other):
    assert kind in _types(text)
    assert other not in _types(text)


def test_a_chance_seized_is_no_seizure():
    assert "COERCE" not in _types("The opposition seized the initiative after the vote.")
    assert "COERCE" not in _types("Activists seized the moment to press their demands.")
    assert "COERCE" in _types("Police seized the weapons in a raid on Monday.")


def test_a_request_not_made_is_no_request():
    assert "REQUEST" not in _types("The European Union did not call for sanctions on Monday.")
    assert "REQUEST" not in _types("The parents may not press charges against the coach.")
    assert "REQUEST" in _types("The European Union called for sanctions on Monday.")
    assert "REJECT" in _types("Hamas did not agree to the ceasefire.")


def test_a_quality_demonstrated_is_no_demonstration():
    assert "PROTEST" not in _types("The attack again demonstrated an easy access to assault weapons, officials said.")
    assert "PROTEST" not in _types("Activists demonstrated their support for the president on Monday.")
    assert "PROTEST" in _types("Thousands demonstrated in Tbilisi against the law.")

