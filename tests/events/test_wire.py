"""A batch of wire-service sentences we wrote (Reuters/AP/AFP phrasing, as in PLOVER's gold), each
with its type, its doer's country and its targets' countries: demonym and sector doers ("Afghan
police"), capitals and seats ("Downing Street"), office holders named by title ("Brazil's
president Lula"), possessives, passives ("was summoned by"), act nouns, coordinated doers,
targets in prepositional phrases, verbs of lexicon.SENSES in their event sense ("sent medical
supplies") and everyday traps beside them ("sent a letter"). Type '-' means no event, '!X' no
event of type X, '*' any type; a country None is not checked; targets [] mean none but the
doers' own (a reciprocal act, as the GSR scorer counts it). LEFT lists what the coder still
gets wrong, as expected failures."""

from __future__ import annotations

import pytest

from helpers import make_article

pytestmark = pytest.mark.slow

CASES = [
    ("Pakistan's foreign ministry accused Afghan authorities on Tuesday of sheltering militants.", 'ACCUSE', 'PAK', ['AFG']),
    ('Tehran accused Washington of backing the protests.', 'ACCUSE', 'IRN', ['USA']),
    ('The Indian army accused Pakistani troops of firing across the border in Kashmir.', 'ACCUSE', 'IND', ['PAK']),
    ("Israel's prime minister accused Iran of plotting attacks on Jewish targets abroad.", 'ACCUSE', 'ISR', ['IRN']),
    ('Kenyan officials blamed Somali militants for the attack on the hotel.', 'ACCUSE', 'KEN', ['SOM']),
    ('Cairo condemned the Ethiopian decision to fill the dam.', 'ACCUSE', 'EGY', ['ETH']),
    ("The Serbian president criticised Kosovo's government over the arrests.", 'ACCUSE', 'SRB', ['XKX']),
    ('Beijing was accused by Manila of harassing Filipino fishermen.', 'ACCUSE', 'PHL', ['CHN']),
    ("Lebanon's army chief condemned Israeli violations of the ceasefire.", 'ACCUSE', 'LBN', ['ISR']),
    ('The European Union imposed sanctions on Iranian officials over the crackdown.', 'SANCTION', 'EUR', ['IRN']),
    ("Japan's trade ministry restricted exports of chip materials to South Korea.", 'SANCTION', None, ['KOR']),
    ('Kuwait expelled the Iraqi ambassador on Sunday.', 'SANCTION', 'KWT', ['IRQ']),
    ('Algeria severed diplomatic relations with Morocco on Tuesday.', 'SANCTION', 'DZA', ['MAR']),
    ("The Nigerian government suspended Twitter's operations in the country.", 'SANCTION', 'NGA', None),
    ('Sanctions were imposed on North Korea by the U.N. Security Council.', 'SANCTION', 'UNO', ['PRK']),
    ('Ankara recalled its envoy to the Netherlands.', 'SANCTION', 'TUR', ['NLD']),
    ('Washington froze the assets of the Venezuelan central bank.', 'SANCTION', 'USA', ['VEN']),
    ("Pakistan's foreign ministry summoned the Afghan envoy on Tuesday over the border clashes.", 'ACCUSE', 'PAK', ['AFG']),
    ('Seoul and Tokyo held talks on the export dispute.', 'CONSULT', 'KOR', ['JPN']),
    ('The Turkish president received a delegation from Hamas in Istanbul.', 'CONSULT', 'TUR', ['PSE']),
    ('Qatar hosted talks between the Taliban and U.S. negotiators in Doha.', 'CONSULT', 'QAT', None),
    ('The Japanese prime minister visited Beijing on Monday.', 'CONSULT', 'JPN', ['CHN']),
    ('Egyptian President Abdel Fattah al-Sisi met his Sudanese counterpart in Cairo.', 'CONSULT', 'EGY', ['SDN']),
    ("Russia's foreign minister telephoned his Turkish counterpart on Syria.", 'CONSULT', 'RUS', ['TUR']),
    ('King Abdullah received the Israeli defence minister in Amman.', 'CONSULT', 'JOR', ['ISR']),
    ('The Chinese ambassador was summoned by the Swedish foreign ministry.', 'ACCUSE', 'SWE', ['CHN']),
    ('Indian and Chinese military commanders met on the border on Sunday.', 'CONSULT', None, None),
    ('The German chancellor hosted the Polish president in Berlin.', 'CONSULT', 'DEU', ['POL']),
    ('A Saudi delegation arrived in Sanaa for talks with Houthi leaders.', 'CONSULT', 'SAU', None),
    ('Seoul and Tokyo agreed to resume military intelligence sharing.', 'AGREE', 'KOR', None),
    ('Iran agreed to allow U.N. inspectors into the site.', 'AGREE', 'IRN', None),
    ('Ukraine offered to exchange prisoners with Russia.', 'AGREE', 'UKR', ['RUS']),
    ('The Sudanese army and the rebels agreed to a ceasefire in Darfur.', 'AGREE', 'SDN', None),
    ('Greece proposed talks with Turkey on maritime borders.', 'AGREE', 'GRC', ['TUR']),
    ('Israel accepted an Egyptian proposal for a truce in Gaza.', 'AGREE', 'ISR', ['EGY']),
    ('Armenia and Azerbaijan signed a peace accord in Washington.', '*', 'ARM', None),
    ("France welcomed Morocco's autonomy plan for Western Sahara.", 'SUPPORT', 'FRA', ['MAR']),
    ('The Arab League backed the Palestinian bid for U.N. membership.', 'SUPPORT', None, ['PSE']),
    ("Washington praised Kenya's role in the Haiti mission.", 'SUPPORT', 'USA', ['KEN']),
    ('Israel and Bahrain established diplomatic relations in September.', 'SUPPORT', 'ISR', ['BHR']),
    ("Germany's foreign minister endorsed Ukraine's bid to join the European Union.", 'SUPPORT', 'DEU', ['UKR']),
    ('Spain recognised the Palestinian state on Tuesday.', 'SUPPORT', 'ESP', ['PSE']),
    ('Colombia extradited a drug trafficker to the United States.', 'COOPERATE', 'COL', ['USA']),
    ('Indian and Japanese warships held joint exercises in the Bay of Bengal.', 'COOPERATE', 'IND', ['JPN']),
    ('Egypt and Sudan will cooperate on security along their border.', '*', 'EGY', []),
    ('Turkey shared intelligence with Iraq about the bombing.', 'COOPERATE', 'TUR', ['IRQ']),
    ('Nigerian troops freed 30 hostages held by Boko Haram.', 'RETREAT', 'NGA', None),
    ('Japan provided $10 million in emergency aid to Myanmar.', 'AID', 'JPN', ['MMR']),
    ('The World Food Programme delivered food to refugees in Chad.', 'AID', None, ['TCD']),
    ('Saudi Arabia sent 50 tonnes of medical supplies to Yemen.', 'AID', 'SAU', ['YEM']),
    ('China supplied vaccines to Pakistan last month.', 'AID', 'CHN', ['PAK']),
    ('India provided shelter to Tibetan refugees.', 'AID', 'IND', None),
    ('Turkey granted asylum to two Saudi dissidents.', 'AID', 'TUR', ['SAU']),
    ('The IMF approved a $3 billion loan to Egypt.', 'AID', None, ['EGY']),
    ('Italian coast guard vessels rescued 200 migrants off Libya.', 'AID', 'ITA', None),
    ('Washington will help train the Iraqi army.', 'AID', 'USA', ['IRQ']),
    ('Russia supplied arms to the Syrian government.', 'AID', 'RUS', ['SYR']),
    ('Britain contributed troops to the U.N. force in Mali.', 'AID', 'GBR', None),
    ('Israel released 20 Palestinian prisoners on Sunday.', 'RETREAT', 'ISR', ['PSE']),
    ('Russian forces withdrew from the city of Kherson.', 'RETREAT', 'RUS', ['UKR']),
    ('The Taliban freed two American hostages on Tuesday.', 'RETREAT', 'AFG', ['USA']),
    ('Iran released a British-Iranian aid worker after six years.', 'RETREAT', 'IRN', ['GBR']),
    ('Two French journalists were freed by their captors in Syria.', 'RETREAT', None, ['FRA']),
    ('The Ethiopian army pulled out of the Tigray capital Mekelle.', 'RETREAT', 'ETH', None),
    ("Pakistan's prime minister resigned on Friday.", 'RETREAT', 'PAK', None),
    ('Moroccan authorities released three Spanish fishermen.', 'RETREAT', 'MAR', ['ESP']),
    ('Japan apologised to South Korea for its colonial rule.', 'CONCEDE', 'JPN', ['KOR']),
    ('Egypt eased restrictions on the Rafah crossing with Gaza.', 'CONCEDE', 'EGY', None),
    ('The United States lifted sanctions on Sudan.', 'CONCEDE', 'USA', ['SDN']),
    ("Myanmar's junta pardoned an Australian economist.", 'CONCEDE', 'MMR', ['AUS']),
    ("Tehran rejected Washington's demand to halt enrichment.", 'REJECT', 'IRN', ['USA']),
    ('The European Union urged Serbia to ease tensions with Kosovo.', 'REQUEST', 'EUR', ['SRB']),
    ('Kyiv asked its Western allies for more air defence systems.', 'REQUEST', 'UKR', None),
    ("Iraq's foreign ministry called on Turkey to withdraw its troops.", 'REQUEST', 'IRQ', ['TUR']),
    ('Bangladesh appealed to Myanmar to take back the Rohingya refugees.', 'REQUEST', 'BGD', ['MMR']),
    ('The Philippine president demanded that China leave the shoal.', 'REQUEST', 'PHL', ['CHN']),
    ("Nigeria's president urged the French government to return looted artefacts.", 'REQUEST', 'NGA', ['FRA']),
    ('Seoul called for talks with Pyongyang.', 'REQUEST', 'KOR', ['PRK']),
    ('Moscow rejected the Ukrainian peace plan.', 'REJECT', 'RUS', ['UKR']),
    ('Israel refused to allow U.N. investigators into Gaza.', 'REJECT', 'ISR', None),
    ('Hungary vetoed the EU aid package for Ukraine.', 'REJECT', 'HUN', None),
    ('The Venezuelan government dismissed U.S. criticism of the election.', 'REJECT', 'VEN', ['USA']),
    ("China's foreign ministry denied Australian accusations of spying.", 'REJECT', 'CHN', ['AUS']),
    ("Ethiopia rebuffed Egypt's call for a binding agreement on the dam.", 'REJECT', 'ETH', ['EGY']),
    ("Turkey opposed Sweden's bid to join NATO.", 'REJECT', 'TUR', ['SWE']),
    ('North Korea threatened to strike U.S. bases in Guam.', 'THREATEN', 'PRK', ['USA']),
    ('The Chinese defence ministry warned Taiwan against seeking independence.', 'THREATEN', 'CHN', ['TWN']),
    ('Iran warned Israel of a crushing response.', 'THREATEN', 'IRN', ['ISR']),
    ('Washington threatened new sanctions on Moscow.', 'THREATEN', 'USA', ['RUS']),
    ("Turkey's president threatened a new offensive against Kurdish militants in Syria.", 'THREATEN', 'TUR', None),
    ("Russia's defence ministry warned that it would target Western weapons shipments.", 'THREATEN', 'RUS', None),
    ('Thousands of Kenyans protested against tax increases in Nairobi.', 'PROTEST', 'KEN', ['KEN']),
    ('Protesters rallied outside the U.S. embassy in Baghdad.', 'PROTEST', 'IRQ', ['USA']),
    ('Pakistani students demonstrated against French cartoons in Lahore.', 'PROTEST', 'PAK', ['FRA']),
    ('Israeli protesters marched against the judicial overhaul in Tel Aviv.', 'PROTEST', 'ISR', ['ISR']),
    ('Greek farmers blocked roads to protest against fuel prices.', 'PROTEST', 'GRC', None),
    ('Hundreds of Iraqis stormed the Swedish embassy in Baghdad.', '*', 'IRQ', ['SWE']),
    ('Russia massed troops on the Ukrainian border.', 'MOBILIZE', 'RUS', ['UKR']),
    ('India deployed additional troops to the Ladakh region.', 'MOBILIZE', 'IND', None),
    ('Israel called up 300,000 reservists.', 'MOBILIZE', 'ISR', None),
    ('Iran put its forces on alert after the attack.', 'MOBILIZE', 'IRN', None),
    ('The United States dispatched an aircraft carrier to the eastern Mediterranean.', 'MOBILIZE', 'USA', None),
    ('Israeli police arrested two Palestinians in East Jerusalem.', 'COERCE', 'ISR', ['PSE']),
    ('Iranian authorities detained a French tourist.', 'COERCE', 'IRN', ['FRA']),
    ('Chinese police detained two Canadians on spying charges.', 'COERCE', 'CHN', ['CAN']),
    ('Egyptian security forces arrested dozens of protesters in Cairo.', 'COERCE', 'EGY', ['EGY']),
    ('Russia expelled a U.S. journalist.', '*', 'RUS', ['USA']),
    ('Turkish police detained 50 suspected members of the Islamic State group in Istanbul.', 'COERCE', 'TUR', None),
    ('Belarusian border guards detained a group of Polish citizens.', 'COERCE', 'BLR', ['POL']),
    ('Venezuelan authorities seized an Iranian cargo plane.', 'COERCE', 'VEN', ['IRN']),
    ("Myanmar's junta banned the opposition party.", 'COERCE', 'MMR', ['MMR']),
    ('The Saudi coastguard seized an Iranian fishing boat.', 'COERCE', 'SAU', ['IRN']),
    ('Turkish warplanes struck Kurdish militant positions in northern Iraq.', 'ASSAULT', 'TUR', ['IRQ']),
    ('Police fired on protesters in Cairo.', 'ASSAULT', 'EGY', ['EGY']),
    ('Russian missiles hit an apartment block in Odesa.', 'ASSAULT', 'RUS', ['UKR']),
    ('Israeli jets bombed targets in southern Lebanon.', 'ASSAULT', 'ISR', ['LBN']),
    ('Syrian government forces shelled rebel-held towns near Idlib.', 'ASSAULT', 'SYR', ['SYR']),
    ('Afghan police fought Taliban fighters in Kunduz.', 'ASSAULT', 'AFG', ['AFG']),
    ('Saudi-led coalition aircraft pounded Houthi positions in Yemen.', 'ASSAULT', 'SAU', ['YEM']),
    ('The Pakistani army killed ten militants in North Waziristan.', 'ASSAULT', 'PAK', ['PAK']),
    ('Ukrainian drones attacked an oil refinery in southern Russia.', 'ASSAULT', 'UKR', ['RUS']),
    ('A Nigerian soldier was killed by Boko Haram fighters near Maiduguri.', 'ASSAULT', None, ['NGA']),
    ('Indian troops clashed with Chinese soldiers in the Galwan valley.', 'ASSAULT', 'IND', ['CHN']),
    ('Gunmen attacked a police station in Mali.', 'ASSAULT', None, ['MLI']),
    ('Ethiopian troops captured the town of Shire from Tigrayan forces.', 'ASSAULT', 'ETH', None),
    ('The shelling of Donetsk by Ukrainian forces killed five people.', 'ASSAULT', 'UKR', None),
    ('Azerbaijani forces shelled Armenian villages near the border.', 'ASSAULT', 'AZE', ['ARM']),
    ('North Korean soldiers fired shots at a South Korean patrol.', 'ASSAULT', 'PRK', ['KOR']),
    ('U.S. forces killed an Iranian general in a drone strike in Baghdad.', 'ASSAULT', 'USA', ['IRN']),
    ("Egypt's air force struck Islamic State targets in Libya.", 'ASSAULT', 'EGY', ['IMG']),
    ("The Kremlin rejected Kyiv's proposal for a Christmas truce.", 'REJECT', 'RUS', ['UKR']),
    ('Downing Street condemned the Iranian attack on the tanker.', 'ACCUSE', 'GBR', ['IRN']),
    ("The White House welcomed Saudi Arabia's decision to raise output.", 'SUPPORT', 'USA', ['SAU']),
    ('The Pentagon sent Patriot missiles to Poland.', 'AID', 'USA', ['POL']),
    ('The Elysee urged Algeria to release the French writer.', 'REQUEST', 'FRA', ['DZA']),
    ('The German foreign minister summoned the Russian ambassador.', 'ACCUSE', 'DEU', ['RUS']),
    ("Brazil's president Lula met Chinese leader Xi Jinping in Beijing.", 'CONSULT', 'BRA', ['CHN']),
    ('The Iraqi prime minister visited Tehran on Saturday.', 'CONSULT', 'IRQ', ['IRN']),
    ('The Indian foreign secretary held talks with Nepalese officials in Kathmandu.', 'CONSULT', 'IND', ['NPL']),
    ('The Afghan embassy in Islamabad protested against the arrest of Afghan refugees.', '*', 'AFG', ['PAK']),
    ('The Iranian navy seized a British-flagged tanker in the Strait of Hormuz.', 'COERCE', 'IRN', ['GBR']),
    ('Chinese coast guard ships fired water cannon at Philippine vessels.', 'ASSAULT', 'CHN', ['PHL']),
    ('Moscow and Beijing signed an energy deal.', '*', 'RUS', None),
    ('Sudanese paramilitary forces attacked a refugee camp in Darfur.', 'ASSAULT', 'SDN', ['SDN']),
    ('Thai police arrested a Cambodian opposition activist in Bangkok.', 'COERCE', 'THA', ['KHM']),
    ('Pakistani and Afghan border forces exchanged fire at the Torkham crossing.', 'ASSAULT', 'PAK', []),
    ('The Polish government accused Belarus of pushing migrants across the border.', 'ACCUSE', 'POL', ['BLR']),
    ('The Lebanese government asked the U.N. to investigate the port blast.', 'REQUEST', 'LBN', ['UNO']),
    ("Colombia's president offered to mediate between Venezuela and its opposition.", 'AGREE', 'COL', ['VEN']),
    ("Iran summoned the British charge d'affaires over the comments.", 'ACCUSE', 'IRN', ['GBR']),
    ('The French ambassador was summoned to the foreign ministry in Algiers.', 'ACCUSE', 'DZA', ['FRA']),
    ('Beijing summoned Japanese diplomats to protest the visit.', 'ACCUSE', 'CHN', ['JPN']),
    ('The coach summoned his players to an early practice.', '-', None, None),
    ('Indian and Pakistani troops exchanged fire along the Line of Control.', 'ASSAULT', 'IND', []),
    ('Israeli soldiers and Palestinian gunmen exchanged fire in Jenin.', 'ASSAULT', 'ISR', None),
    ('The two leaders exchanged views on regional security.', '!ASSAULT', None, None),
    ('Russia sent humanitarian aid to Syria.', 'AID', 'RUS', ['SYR']),
    ('Qatar sent fuel to Gaza on Sunday.', 'AID', 'QAT', None),
    ('Germany sent Leopard tanks and ammunition to Ukraine.', 'AID', 'DEU', ['UKR']),
    ('Washington sent 3,000 troops to Saudi Arabia.', 'MOBILIZE', 'USA', None),
    ('The company sent a statement to reporters.', '-', None, None),
    ('The minister sent a letter to his Italian counterpart.', '!AID', None, None),
    ('Iran sent a delegation to Cairo for talks.', '!AID', None, None),
    ('Hamas sent rockets into southern Israel.', '!AID', None, None),
    ('The storm sent prices soaring.', '-', None, None),
    ("China's foreign minister Wang Yi met his Indian counterpart in New Delhi.", 'CONSULT', 'CHN', ['IND']),
    ("Iran's supreme leader Ali Khamenei warned the United States against an attack.", 'THREATEN', 'IRN', ['USA']),
    ("Nigeria's president Bola Tinubu visited Paris on Monday.", 'CONSULT', 'NGA', ['FRA']),
    ('Kenyan president William Ruto met Ethiopian Prime Minister Abiy Ahmed in Addis Ababa.', 'CONSULT', 'KEN', ['ETH']),
    ("Ukraine's ambassador to Germany Oleksii Makeiev criticised Berlin's decision.", 'ACCUSE', 'UKR', ['DEU']),
    ("Russia's ally Alexander Lukashenko met Chinese leader Xi Jinping in Beijing.", 'CONSULT', None, ['CHN']),
    ('Downing Street said Britain would send more aid to Sudan.', 'AGREE', 'GBR', ['SDN']),
    ('Wall Street welcomed the Chinese stimulus plan.', '*', None, None),
    ('Israel and Hamas agreed to a truce in Gaza.', 'AGREE', 'ISR', None),
    ('India and China agreed to pull back troops from the border.', '*', 'IND', None),
    ('Pakistan and Afghanistan will cooperate on border security.', '*', 'PAK', []),
    ('Ethiopia and Eritrea signed a peace deal in Jeddah.', '*', 'ETH', None),
    ('Japan restricted exports of semiconductor materials to China.', 'SANCTION', 'JPN', ['CHN']),
    ('China banned exports of rare earths to the United States.', 'SANCTION', 'CHN', ['USA']),
    ('The Netherlands shared intelligence with Ukraine.', 'COOPERATE', 'NLD', ['UKR']),
    ('The minister shared a video on social media.', '-', None, None),
    ('Ukraine called up tens of thousands of reservists.', 'MOBILIZE', 'UKR', None),
    ('Israeli police arrested two Palestinians.', 'COERCE', 'ISR', ['PSE']),
    ('Two Palestinians were arrested by Israeli police in Hebron.', 'COERCE', 'ISR', ['PSE']),
    ('Egyptian police fired tear gas at protesters in Alexandria.', 'ASSAULT', 'EGY', ['EGY']),
]

LEFT = {
    'King Abdullah received the Israeli defence minister in Amman.': "the actor table's King Abdullah is Saudi; the place of the meeting says Jordan",
    'The IMF approved a $3 billion loan to Egypt.': 'an approved loan is read as SUPPORT, not AID',
    'Washington will help train the Iraqi army.': 'a future help with a verb complement is AGREE with no target',
    'Iran put its forces on alert after the attack.': "'put X on alert' names no MOBILIZE",
    'Ukraine called up tens of thousands of reservists.': "a measure noun ('tens of') hides the reservists called up",
}


def _events(text: str):
    from storyline.events import EventCoder, find_events
    from storyline.nlp import analyse, load_model

    article = next(analyse([make_article(text=text, published="2025-03-10")]))
    return find_events(article, load_model()(article.text), EventCoder(min_confidence=0.0)).events


def _wrong(text: str, kind: str, source: str | None, targets: list[str] | None) -> list[str]:
    events = _events(text)
    if kind == "-":
        return ["an event"] if events else []
    if kind.startswith("!"):
        return [kind[1:]] if any(e.type == kind[1:] for e in events) else []
    found = [e for e in events if kind in ("*", e.type)]
    if not found:
        return ["type: " + ",".join(e.type for e in events)]
    event = max(found, key=lambda e: e.confidence)
    wrong = []
    doers = [a.country for a in event.sources if a.country]
    if source is not None and doers[:1] != [source]:
        wrong.append(f"source {doers}")
    got = {a.country for a in event.targets if a.country}
    if targets is not None and got != set(targets) and not (not targets and got <= set(doers)):
        wrong.append(f"targets {sorted(got)}")
    return wrong


@pytest.mark.parametrize(
    "text, kind, source, targets",
    [pytest.param(*c, marks=pytest.mark.xfail(reason=LEFT[c[0]], strict=True)) if c[0] in LEFT else c for c in CASES],
)
def test_a_wire_sentence_is_coded_as_written(text, kind, source, targets):
    assert _wrong(text, kind, source, targets) == [], text
