"""Clustering outside English: texts that share only a language's function words stay apart,
and two outlets' reports of one event join. The texts are invented for these tests."""

from __future__ import annotations

import pytest

from helpers import make_article
from storyline.stories import StoryClusterer, StoryInput, story_input
from storyline.stories.features import STOPWORDS, CommonTerms, stopwords, terms

SPANISH = [
    ("El Sevilla gana el derbi con un gol en el último minuto",
     "El Sevilla ganó el derbi de la ciudad por dos goles a uno en un partido que se decidió en el "
     "último minuto. El delantero marcó de cabeza tras un saque de esquina y la grada del estadio "
     "estalló. El entrenador dijo que el equipo había sufrido mucho en la segunda parte. Con esta "
     "victoria el club se coloca en la cuarta plaza de la liga."),
    ("Una panadería de Oviedo cumple cien años",
     "Una panadería del centro de Oviedo celebra este mes su centenario con una fiesta para los "
     "vecinos del barrio. La familia que la fundó sigue al frente del horno y elabora el pan con la "
     "misma receta de masa madre. Cada mañana se forman colas en la puerta antes de que abra. La "
     "nieta del fundador asegura que el secreto está en la paciencia y en la harina de la comarca."),
    ("Huelga de maquinistas en los trenes de cercanías de Valencia",
     "Los maquinistas de los trenes de cercanías de Valencia iniciaron una huelga de tres días para "
     "exigir más personal en las cabinas. La empresa ferroviaria fijó servicios mínimos del setenta "
     "por ciento en las horas punta. Miles de viajeros esperaron en los andenes de la estación del "
     "Norte. El sindicato advierte de que los paros se repetirán el próximo mes si no hay acuerdo."),
    ("El museo de Bilbao abre una sala dedicada a la escultura en hierro",
     "El museo de Bilbao inauguró una sala nueva dedicada a la escultura en hierro del siglo veinte. "
     "La exposición reúne cuarenta piezas cedidas por coleccionistas privados y por la fundación de "
     "un artista vasco. La directora explicó que la sala se quedará abierta de forma permanente. La "
     "entrada será gratuita los domingos por la tarde para los estudiantes."),
    ("La vendimia en La Rioja se adelanta por el calor",
     "Los viticultores de La Rioja empezaron la vendimia dos semanas antes de lo habitual a causa del "
     "calor del verano. Las uvas llegaron a las bodegas con mucho azúcar y poca acidez, según los "
     "enólogos de la denominación de origen. Las cuadrillas de temporeros trabajan desde el alba "
     "para evitar las horas de más sol. La cosecha será algo menor que la del año pasado."),
    ("Un colegio de Zaragoza instala placas solares en el tejado",
     "Un colegio público de Zaragoza instaló placas solares en el tejado del gimnasio con la ayuda "
     "de las familias de los alumnos. La instalación cubrirá la mitad del consumo eléctrico del "
     "centro durante el curso. Los niños podrán seguir en una pantalla del vestíbulo cuánta energía "
     "se produce cada día. El director espera que otros centros de la ciudad sigan el ejemplo."),
]

GERMAN = [
    ("Werder Bremen gewinnt das Nordderby in der Nachspielzeit",
     "Werder Bremen hat das Nordderby gegen den Rivalen mit zwei zu eins gewonnen, und das Siegtor "
     "fiel erst in der Nachspielzeit. Der Stürmer traf nach einer Ecke mit dem Kopf, und die Fans "
     "auf der Tribüne jubelten. Der Trainer sagte, dass seine Mannschaft in der zweiten Halbzeit "
     "sehr gelitten habe und dass er mit dem Spiel nicht zufrieden sei. Mit dem Sieg ist der Verein "
     "nun auf dem vierten Platz der Tabelle, und er hat noch ein Spiel mehr vor sich."),
    ("Freiburger Bäckerei feiert ihr hundertjähriges Bestehen",
     "Eine Bäckerei in der Altstadt von Freiburg feiert in diesem Monat ihr hundertjähriges "
     "Bestehen mit einem Fest für die Nachbarn. Die Familie, die sie gegründet hat, steht noch immer "
     "selbst am Ofen und backt das Brot nach dem alten Rezept mit Sauerteig. Jeden Morgen stehen die "
     "Kunden vor der Tür, bevor der Laden um sechs Uhr öffnet. Die Enkelin des Gründers sagt, dass "
     "das Geheimnis in der Geduld und in dem Mehl aus der Region liege."),
    ("Lokführer streiken im Leipziger S-Bahn-Verkehr",
     "Die Lokführer der S-Bahn in Leipzig haben einen Streik von drei Tagen begonnen, weil sie mehr "
     "Personal auf den Zügen fordern. Das Unternehmen hat einen Notfahrplan eingerichtet, nach dem "
     "nur jeder zweite Zug fährt. Tausende Pendler warteten am Morgen auf den Bahnsteigen des "
     "Hauptbahnhofs, und viele kamen zu spät zur Arbeit. Die Gewerkschaft hat angekündigt, dass sie "
     "den Streik im nächsten Monat wiederholen werde, wenn es bis dahin keine Einigung gebe."),
    ("Kieler Kunsthalle eröffnet einen Saal für Skulpturen aus Eisen",
     "Die Kunsthalle in Kiel hat einen neuen Saal für Skulpturen aus Eisen eröffnet, die aus dem "
     "zwanzigsten Jahrhundert stammen. Die Ausstellung zeigt vierzig Werke, die private Sammler und "
     "eine Stiftung zur Verfügung gestellt haben. Die Direktorin erklärte, dass der Saal auf Dauer "
     "geöffnet bleiben werde und dass man noch mehr Werke erwarte. Für Studenten ist der Eintritt am "
     "Sonntag nach dem Mittag frei, und für Kinder kostet er nichts."),
    ("Weinlese an der Mosel beginnt wegen der Hitze früher",
     "Die Winzer an der Mosel haben mit der Weinlese zwei Wochen früher als sonst begonnen, weil der "
     "Sommer so heiß war. Die Trauben kamen mit viel Zucker und wenig Säure in die Keller, wie die "
     "Fachleute des Anbaugebiets berichten. Die Helfer arbeiten schon ab dem frühen Morgen, damit "
     "sie nicht in der Sonne des Mittags stehen müssen. Die Ernte wird wohl etwas kleiner sein als "
     "im Jahr davor, aber die Qualität sei sehr gut."),
    ("Erfurter Grundschule baut Solaranlage auf das Dach",
     "Eine Grundschule in Erfurt hat mit der Hilfe der Eltern eine Solaranlage auf das Dach der "
     "Turnhalle gebaut. Die Anlage soll die Hälfte des Stroms decken, den die Schule in einem Jahr "
     "braucht. Die Kinder können auf einem Bildschirm im Foyer sehen, wie viel Energie an jedem Tag "
     "erzeugt wird. Der Schulleiter hofft, dass die anderen Schulen in der Stadt dem Beispiel folgen "
     "und dass die Stadt bei den Kosten hilft."),
]

# the same event told by two outlets in their own words: names and a place shared
SAME_EVENT = {
    "es": [
        ("Incendio en una nave del polígono de Cabezo Beaza en Cartagena",
         "Un incendio calcinó la madrugada del martes una nave de reciclaje de plásticos en el "
         "polígono de Cabezo Beaza, en Cartagena. Los bomberos del consorcio regional tardaron cuatro "
         "horas en controlar las llamas. La alcaldesa Noelia Arroyo pidió a los vecinos que "
         "mantuvieran las ventanas cerradas por el humo. La empresa Plastirec no ha informado de "
         "heridos entre sus trabajadores."),
        ("Las llamas destruyen la planta de Plastirec en Cartagena",
         "La planta de Plastirec en Cabezo Beaza quedó reducida a cenizas tras un fuego que empezó "
         "pasada la medianoche. Una columna de humo negro era visible desde todo Cartagena. Noelia "
         "Arroyo, alcaldesa de la ciudad, recomendó no abrir las ventanas en los barrios cercanos. "
         "Los bomberos dieron el fuego por extinguido al amanecer y no hubo heridos."),
    ],
    "de": [
        ("Großbrand in Recyclinghalle im Hafen von Rostock",
         "In der Nacht zum Dienstag ist eine Halle der Firma Plastirec im Rostocker Überseehafen "
         "niedergebrannt. Die Feuerwehr brauchte vier Stunden, um die Flammen unter Kontrolle zu "
         "bringen. Oberbürgermeisterin Eva-Maria Kröger rief die Anwohner auf, wegen des Rauchs die "
         "Fenster geschlossen zu halten. Verletzt wurde nach Angaben von Plastirec niemand."),
        ("Feuer zerstört Plastirec-Halle in Rostock",
         "Die Lagerhalle von Plastirec im Überseehafen in Rostock ist nach einem Feuer kurz nach "
         "Mitternacht völlig ausgebrannt. Eine schwarze Rauchsäule war über der ganzen Stadt zu "
         "sehen. Eva-Maria Kröger, die Oberbürgermeisterin, empfahl den Menschen in den nahen "
         "Vierteln, die Fenster nicht zu öffnen. Am Morgen meldete die Feuerwehr, der Brand sei "
         "gelöscht, Verletzte gab es keine."),
    ],
}


def _inputs(texts, language, prefix):
    return [StoryInput(id=f"{prefix}{i}", title=title, text=text, published="2025-09-02", outlet=f"outlet-{i}",
                       language=language) for i, (title, text) in enumerate(texts)]  # fmt: skip


@pytest.mark.parametrize(("language", "texts"), [("es", SPANISH), ("de", GERMAN)])
def test_texts_sharing_only_function_words_stay_apart(language, texts):
    c = StoryClusterer()
    got = c.add_all(_inputs(texts, language, language))
    assert [a.decision for a in got] == ["started"] * len(texts)
    assert len(c.stories) == len(texts)
    # nowhere near the join threshold (0.5), not merely under it
    assert max(a.best.probability for a in got if a.best) < 0.1


@pytest.mark.parametrize("language", ["es", "de"])
def test_two_reports_of_one_event_join(language):
    c = StoryClusterer()
    c.add_all(_inputs(SPANISH if language == "es" else GERMAN, language, "other"))
    first, second = c.add_all(_inputs(SAME_EVENT[language], language, "event"))
    assert first.decision == "started" and second.decision == "joined"
    assert second.story == first.story and c.story(first.story).size == 2


def test_story_input_carries_the_article_language():
    assert story_input(make_article(text="Texto.", language="es")).language == "es"
    assert story_input(make_article(text="Text.")).language is None


def test_the_language_picks_the_stopwords():
    spanish = "El sindicato de los maquinistas convocó la huelga"
    assert terms(spanish, "es") == ["sindicato", "maquinista", "convoco", "huelga"]
    assert {"el", "de", "los", "la"} <= set(terms(spanish))  # read as English, they are content words
    assert terms("Der Streik der Lokführer in Leipzig", "de") == ["streik", "lokfuhrer", "leipzig"]


def test_english_and_unknown_languages_keep_the_english_list():
    assert stopwords(None) is stopwords("en") is STOPWORDS
    assert stopwords("zz") is STOPWORDS  # no list for it: the English one
    assert stopwords("es-ES") == stopwords("es") > STOPWORDS
    assert "segun" in stopwords("es")  # folded as words are: "según"


def test_an_elided_article_is_cut_from_its_word():
    assert terms("L'Assemblée a voté l'urgence qu'elle attendait", "fr") == ["assemblee", "vote", "urgence", "attendait"]
    assert terms("the country's l'Assemblée") == ["country", "l'assemblee"]  # English: no elision


def test_the_common_words_of_a_language_without_a_list_are_dropped_once_enough_are_seen():
    common = CommonTerms()  # 70% of the articles, from the tenth on
    article = ["na", "ya", "mvua", "wa"]
    for i in range(9):
        common.add("sw", ["na", "ya", f"neno{i}", "wa" if i % 2 else "kwa"])
    assert common.without_common("sw", article) == article  # nine articles: too few to tell
    common.add("sw", ["na", "ya", "neno9"])
    assert common.without_common("sw", article) == ["mvua", "wa"]  # "wa" is in four of the ten
    assert common.without_common("sw-KE", article) == ["mvua", "wa"]
    for language in ("es", "en", None):  # a listed language, English, unknown: never counted
        for _ in range(20):
            common.add(language, article)
        assert common.without_common(language, article) == article


def test_the_clusterer_reads_a_language_without_a_list_without_its_common_words():
    c = StoryClusterer()
    got = []
    for i in range(12):
        text = " ".join(f"{glue} mji{i}x{k}" for k, glue in enumerate(["Habari", "na", "ya", "wa", "kwa", "na", "ya"]))
        got.append(c.add(StoryInput(id=f"sw{i}", title="", text=text, published="2025-09-02", language="sw")))
    assert {"na", "ya", "wa", "kwa"} <= set(c.story("sw0").body)  # the first articles keep them ...
    assert not {"na", "ya", "wa", "kwa"} & set(c.story("sw11").body)  # ... later ones do not
    assert [a.decision for a in got[10:]] == ["started", "started"] and c.story("sw11").size == 1


def test_a_rebuilt_clusterer_reads_each_language_as_the_live_one():
    c = StoryClusterer()
    c.add_all(_inputs(SPANISH, "es", "es") + _inputs(GERMAN, "de", "de") + _inputs(SAME_EVENT["es"], "es", "e"))
    rebuilt = StoryClusterer.rebuild(c.history())
    assert {s.id: dict(s.body) for s in rebuilt.stories.values()} == {s.id: dict(s.body) for s in c.stories.values()}
