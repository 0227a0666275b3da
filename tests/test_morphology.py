"""Exact-form tests for qazaq.morphology (issue 4)."""
from __future__ import annotations

from pathlib import Path

import pytest

from qazaq.morphology import (analyze, derive, explain, explain_derivation, forms_of, harmony, inflect, paradigm,
                              question, variants)
from qazaq.shared import SharedDataMissing, shared_data

NOUNS = [
    ("кітап", "N;PSS1S;SG", "кітабым"), ("кітап", "N;PSS3S;SG", "кітабы"), ("кітап", "N;ACC;PSS3", "кітабын"),
    ("кітап", "N;ACC;SG;PSS1S", "кітабымды"), ("кітап", "N;DAT;PL;PSS1S", "кітаптарыма"),
    ("кітап", "N;PSS2S;SG;LSSPEC2", "кітабыңыз"), ("кітап", "N;PSS2S;SG;LSSPEC1", "кітабың"),
    ("кітап", "N;INS;SG", "кітаппен"), ("кітап", "N;DAT;SG", "кітапқа"), ("кітап", "N;GEN;PL", "кітаптардың"),
    ("үй", "N;LOC;PSS3", "үйінде"), ("үй", "N;GEN;SG", "үйдің"), ("үй", "N;PL", "үйлер"),
    ("бала", "N;DAT;PSS3", "баласына"), ("бала", "N;PSS1S", "балам"), ("бала", "N;ACC", "баланы"),
    ("бала", "N;ABL;PSS3", "баласынан"), ("адам", "N;ABL", "адамнан"), ("адам", "N;PL", "адамдар"),
    ("қыз", "N;INS", "қызбен"), ("жол", "N;ABL", "жолдан"), ("күн", "N;GEN", "күннің"),
    ("мектеп", "N;LOC", "мектепте"), ("мектеп", "N;PSS1P", "мектебіміз"), ("жүрек", "N;PSS3", "жүрегі"),
    ("құлақ", "N;PSS3", "құлағы"), ("орын", "N;PSS3", "орны"), ("орын", "N;LOC;PSS3", "орнында"),
    ("орын", "N;DAT", "орынға"), ("мұрын", "N;PSS1S", "мұрным"), ("ерін", "N;PSS3", "ерні"),
    ("ауыз", "N;PSS3", "аузы"), ("халық", "N;PSS3", "халқы"), ("мойын", "N;DAT;PSS3", "мойнына"),
    ("су", "N;PSS3", "суы"), ("су", "N;GEN", "судың"), ("су", "N;ACC", "суды"), ("ми", "N;PSS3", "миы"),
    ("ми", "N;DAT", "миға"), ("тау", "N;PL", "таулар"), ("ту", "N;PSS3", "туы"),
    ("министр", "N;PL", "министрлер"), ("туризм", "N;ACC", "туризмді"), ("минут", "N;DAT", "минутқа"),
    ("клуб", "N;GEN", "клубтың"), ("автомобиль", "N;ACC;PSS3", "автомобилін"), ("руль", "N;PL", "рульдер"),
    ("процесс", "N;PL", "процестер"), ("процесс", "N;PSS3", "процесі"), ("тарих", "N;PSS3", "тарихы"),
    ("мұхит", "N;DAT", "мұхитқа"), ("банк", "N;DAT", "банкке"), ("отбасы", "N;DAT", "отбасына"),
    ("отбасы", "N;PSS1S", "отбасым"), ("ауа райы", "N;ACC", "ауа райын"), ("Алматы", "N;DAT", "Алматыға"),
    ("дауыс", "N;PSS3", "даусы"), ("дауыс", "N;PSS1S", "даусым"), ("дауыс", "N;DAT", "дауысқа"),
    ("ауыл", "N;PSS3", "ауылы"), ("көңіл", "N;PSS3", "көңілі"), ("ойын", "N;PSS3", "ойыны"),
    ("журналист", "N;PL", "журналистер"), ("журналист", "N;GEN", "журналистің"), ("журналист", "N;DAT", "журналистке"),
    ("журналист", "N;PSS3", "журналисті"), ("үст", "N;PSS3", "үсті"), ("съезд", "N;DAT", "съезге"),
    ("съезд", "N;PSS3", "съезді"), ("съезд", "N;PL", "съездер"), ("біз", "N;PL", "біздер"), ("мен", "N;PL", "біз"),
    ("мен", "N;DAT", "маған"), ("ол", "N;GEN", "оның"), ("ол", "N;PL;DAT", "оларға"), ("бұл", "N;ABL", "бұдан"),
    ("мұғалім", "N;PRED;1;SG", "мұғаліммін"), ("мұғалім", "N;PRED;1;PL", "мұғалімбіз"),
    ("студент", "N;PRED;2;SG", "студентсің"), ("студент", "N;PRED;1;SG", "студентпін"),
    ("дәрігер", "N;PRED;1;PL", "дәрігерміз"), ("қазақ", "N;PRED;2;SG;LSSPEC2", "қазақсыз"),
    ("қыз", "N;PRED;1;SG", "қызбын"), ("мұғалім", "N;PRED;3;SG", "мұғалім"),
    ("кітап", "N;NOM;SG;Q", "кітап па"), ("үй", "N;Q", "үй ме"), ("қалам", "N;Q", "қалам ба"),
    ("бала", "N;Q", "бала ма"), ("студент", "N;PRED;2;SG;Q", "студентсің бе"),
]

VERBS = [
    ("оқы", "V;PRS;3;SG", "оқиды"), ("оқы", "V;PST;3;SG;NEG", "оқымады"), ("оқы", "V;PTCP;PST", "оқыған"),
    ("оқы", "V;NFIN", "оқу"), ("сөйле", "V;NFIN", "сөйлеу"), ("бар", "V;NFIN", "бару"), ("жаз", "V;NFIN", "жазу"),
    ("бар", "V;PRS;3;SG", "барады"), ("кел", "V;PRS;3;SG", "келеді"), ("сөйле", "V;PRS;3;SG", "сөйлейді"),
    ("бар", "V;PRS;1;SG;NEG", "бармаймын"), ("бар", "V;PRS;1;SG", "барамын"), ("оқы", "V;PRS;1;SG", "оқимын"),
    ("бар", "V;PRS;2;SG;LSSPEC2", "барасыз"), ("бар", "V;PRS;2;PL", "барасыңдар"),
    ("бар", "V;PST;1;SG", "бардым"), ("бар", "V;PST;1;PL", "бардық"), ("кел", "V;PST;1;PL", "келдік"),
    ("айт", "V;PST;3;SG", "айтты"), ("айт", "V;PST;2;SG;LSSPEC2", "айттыңыз"), ("жаз", "V;PST;1;SG;NEG", "жазбадым"),
    ("айт", "V;PTCP;PST", "айтқан"), ("кет", "V;PTCP;PST", "кеткен"), ("кел", "V;PTCP;PST", "келген"),
    ("бар", "V;PRF;1;SG", "барғанмын"), ("бар", "V;PRF;1;PL", "барғанбыз"),
    ("бар", "V;FUT;1;SG", "барармын"), ("кел", "V;FUT;3;SG", "келер"), ("оқы", "V;FUT;3;SG", "оқыр"),
    ("бар", "V;FUT;3;SG;NEG", "бармас"), ("бар", "V;INTEN;1;SG", "бармақпын"), ("кел", "V;INTEN;3;SG", "келмек"),
    ("жаз", "V;INTEN;3;SG", "жазбақ"), ("айт", "V;INTEN;1;PL", "айтпақпыз"), ("көн", "V;INTEN;3;SG", "көнбек"),
    ("айт", "V;NEG;IMP;2;SG", "айтпа"), ("жаз", "V;IMP;2;SG;NEG", "жазба"), ("кел", "V;IMP;2;SG;NEG", "келме"),
    ("бар", "V;IMP;2;SG", "бар"), ("бар", "V;IMP;2;SG;LSSPEC2", "барыңыз"), ("оқы", "V;IMP;2;SG;LSSPEC2", "оқыңыз"),
    ("сөйле", "V;IMP;2;SG;LSSPEC2", "сөйлеңіз"), ("кел", "V;IMP;2;PL", "келіңдер"), ("бар", "V;IMP;2;SG;NEG;LSSPEC2", "бармаңыз"),
    ("бар", "V;IMP;1;PL", "барайық"), ("оқы", "V;IMP;1;SG", "оқиын"), ("кел", "V;IMP;3", "келсін"),
    ("оқы", "V;PROG;1;SG", "оқып жатырмын"), ("жаз", "V;PROG;1;PL;OTYR", "жазып отырмыз"),
    ("оқы", "V;PROG;3;SG;JUR", "оқып жүр"), ("кел", "V;PROG;2;SG;TUR", "келіп тұрсың"),
    ("оқы", "V;PROG;1;SG;NEG", "оқып жатқан жоқпын"),
    ("тап", "V;PRS;3;SG", "табады"), ("тап", "V;CVB", "тауып"), ("қорық", "V;PRS;1;SG", "қорқамын"),
    ("қорық", "V;PST;1;SG", "қорықтым"), ("қорық", "V;NFIN", "қорқу"), ("қой", "V;PRS;3;SG", "қояды"),
    ("қой", "V;NFIN", "қою"), ("жи", "V;PRS;3;SG", "жияды"), ("си", "V;PRS;3;SG", "сиеді"), ("си", "V;NFIN;DAT", "сиюге"),
    ("ки", "V;FUT;3;SG", "киер"), ("жу", "V;NFIN", "жуу"), ("қу", "V;FUT;3;SG", "қуар"), ("ері", "V;PRS;3;SG", "ериді"),
    ("оқы", "V;NFIN;ACC", "оқуды"), ("оқы", "V;NFIN;PL;ACC", "оқуларды"), ("бар", "V;NFIN;NEG", "бармау"),
    ("бар", "V;CVB;NEG", "бармай"), ("оқы", "V;PTCP;PRS", "оқитын"), ("құй", "V;PTCP;FUT;ACC", "құярды"),
]


@pytest.mark.parametrize("lemma,tags,form", NOUNS)
def test_nouns(lemma, tags, form):
    assert inflect(lemma, tags) == form


@pytest.mark.parametrize("lemma,tags,form", VERBS)
def test_verbs(lemma, tags, form):
    assert inflect(lemma, tags) == form


def test_tag_order_does_not_matter():
    assert inflect("кітап", "PSS1S;PL;DAT;N") == inflect("кітап", "N;DAT;PL;PSS1S") == "кітаптарыма"
    assert inflect("кітап", "N;INST") == "кітаппен"


@pytest.mark.parametrize("tags,named", [("N;XYZ", "'XYZ'"), ("N;DAT;GEN", "'GEN'"), ("DAT", "N or V"),
                                        ("V;PRS", "person"), ("N;SG;PL", "SG and PL")])
def test_bad_tags_raise_clear_errors(tags, named):
    with pytest.raises(ValueError, match=named):
        inflect("кітап", tags)


@pytest.mark.parametrize("lemma", ["", "kitap", "кітап1"])
def test_bad_lemma(lemma):
    with pytest.raises(ValueError, match="lemma|Cyrillic"):
        inflect(lemma, "N;DAT")


def test_harmony_and_variants():
    assert [harmony(w) for w in ("кітап", "үй", "министр", "су", "келу", "руль", "тарих")] == \
        ["back", "front", "front", "back", "front", "front", "back"]
    assert variants("DAT") == ["ға", "ге", "қа", "ке"]
    assert variants("PL") == ["лар", "лер", "дар", "дер", "тар", "тер"]
    assert set(variants("Q")) == {"ма", "ме", "ба", "бе", "па", "пе"}
    assert set(variants("NEG")) == {"ма", "ме", "ба", "бе", "па", "пе"}
    with pytest.raises(ValueError, match="NOPE"):
        variants("NOPE")


def test_question_helper():
    assert question("кітап") == "кітап па"
    assert question("Сен студентсің") == "Сен студентсің бе"
    assert question("үй") == "үй ме"


def test_explain_en_ru():
    e = explain("кітап", "N;PSS1S;SG")
    assert e.form == "кітабым"
    assert [s.morpheme for s in e.steps] == ["кітап", "кітаб", "ым"]
    assert e.steps[1].rule == "кітап → кітаб-: п becomes б before a vowel"
    assert "кітабым" in str(e)
    ru = explain("орын", "N;PSS3", lang="ru")
    assert ru.steps[1].rule == "орын → орн-: ы выпадает перед гласной"
    dat = explain("бала", "N;DAT")
    assert dat.steps[-1].rule == "-ға: dative; back vowel а before it; after a vowel"
    with pytest.raises(ValueError, match="language"):
        explain("кітап", "N;DAT", lang="xx")


def test_paradigm_tables():
    nouns = paradigm("кітап", "N")
    assert nouns.loc["DAT", "SG"] == "кітапқа"
    assert nouns.loc["ACC", "PSS3"] == "кітабын"
    assert nouns.loc["LOC", "PL"] == "кітаптарда"
    assert nouns.shape == (7, 9)
    verbs = paradigm("бар", "V")
    assert verbs.loc["PRS;NEG", "1;SG"] == "бармаймын"
    assert verbs.loc["IMP", "2;SG;LSSPEC2"] == "барыңыз"
    with pytest.raises(ValueError, match="part of speech"):
        paradigm("бар", "X")


def test_forms_of_and_analyze():
    forms = forms_of("кітап")
    assert forms["N;ACC;SG;PSS1S"] == "кітабымды"
    assert len(forms) == 118
    assert analyze("кітабымды", "кітап") == [("кітап", "N;ACC;SG;PSS1S")]
    assert ("кітап", "N;ACC;SG;PSS1S") in analyze("кітабымды")
    assert analyze("кітабымды")[0] == ("кітап", "N;ACC;SG;PSS1S")
    assert ("оқы", "V;PRS;3;SG") in analyze("оқиды", pos="V")
    assert ("орын", "N;LOC;SG;PSS3") in analyze("орнында")
    assert analyze("оқып жатырмын", "оқы") == [("оқы", "V;PROG;1;SG")]
    assert analyze("кітабымды", "бала") == []
    assert analyze("") == []


@pytest.fixture(scope="module")
def shared():
    try:
        return shared_data()
    except SharedDataMissing as err:
        pytest.skip(f"shared reference data absent: {err}")


def _reviewed() -> set[tuple[str, str, str]]:
    """(lemma, tags, source form) of every row of docs/morphology_mismatches.md."""
    doc = Path(__file__).resolve().parents[1] / "docs" / "morphology_mismatches.md"
    rows = [line.strip("|").split("|") for line in doc.read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and not line.startswith("| lemma")]
    return {tuple(cell.strip() for cell in row[:3]) for row in rows}


def test_unimorph_accuracy_meets_bar(shared):
    rows = [line.split("\t") for line in (shared / "unimorph-kaz" / "kaz.noun.tsv").read_text(encoding="utf-8").splitlines()]
    good, unreviewed, reviewed = 0, [], _reviewed()
    for lemma, form, tags in rows:
        try:
            ok = inflect(lemma, tags) == form
        except ValueError:
            ok = False
        good += ok
        if not ok and (lemma, tags, form) not in reviewed:
            unreviewed.append((lemma, tags, form))
    assert unreviewed == []  # every mismatch is explained in docs/morphology_mismatches.md
    # Issue 4 asks 99.5%. The engine keeps the standard менен, даусы and террористер where the
    # file has меннен, дауысы and террористтер (23 rows, docs/morphology_mismatches.md): 99.51%.
    assert good / len(rows) >= 0.995


PRONOUNS = {
    "мен": "мен менің маған мені менде менен менімен",
    "сен": "сен сенің саған сені сенде сенен сенімен",
    "сіз": "сіз сіздің сізге сізді сізде сізден сізбен",
    "ол": "ол оның оған оны онда одан онымен",
    "біз": "біз біздің бізге бізді бізде бізден бізбен",
    "олар": "олар олардың оларға оларды оларда олардан олармен",
}


@pytest.mark.parametrize("pronoun", PRONOUNS)
def test_standard_pronoun_paradigms(pronoun):
    cases = ("NOM", "GEN", "DAT", "ACC", "LOC", "ABL", "INS")
    assert " ".join(inflect(pronoun, f"N;{case}") for case in cases) == PRONOUNS[pronoun]


def test_pronoun_ablative_is_analyzed():
    assert analyze("менен", "мен") == [("мен", "N;ABL;SG")]
    assert analyze("сенен", "сен") == [("сен", "N;ABL;SG")]


@pytest.mark.parametrize("person,form", [("1;SG", "барсам"), ("2;SG", "барсаң"), ("2;SG;LSSPEC2", "барсаңыз"),
                                         ("3;SG", "барса"), ("1;PL", "барсақ"), ("2;PL", "барсаңдар"),
                                         ("2;PL;LSSPEC2", "барсаңыздар"), ("3;PL", "барса"), ("3;SG;NEG", "бармаса")])
def test_conditional(person, form):
    assert inflect("бар", f"V;COND;{person}") == form


def test_conditional_in_paradigm_and_analysis():
    assert paradigm("кел", "V").loc["COND", "1;PL"] == "келсек"
    assert analyze("барсам", "бар") == [("бар", "V;COND;1;SG")]
    assert len(forms_of("бар", "V")) == 136


@pytest.mark.parametrize("tags,form", [("V;PRS;3;PL", "барады"), ("V;PST;3;PL", "барды"), ("V;PRF;3;PL", "барған"),
                                       ("V;FUT;3;PL", "барар"), ("V;IMP;3;PL", "барсын"), ("V;PROG;3;PL", "барып жатыр"),
                                       ("V;INTEN;3;PL", "бармақ"), ("V;COND;3;PL;NEG", "бармаса")])
def test_third_person_plural_is_the_singular_form(tags, form):
    assert inflect("бар", tags) == form


@pytest.mark.parametrize("lemma,tags,form", [
    ("бар", "V;DES;1;SG", "барғым келеді"), ("айт", "V;DES;3;SG", "айтқысы келеді"),
    ("кел", "V;DES;1;PL", "келгіміз келеді"), ("оқы", "V;DES;2;SG;LSSPEC2", "оқығыңыз келеді"),
    ("бар", "V;DES;1;SG;NEG", "барғым келмейді"), ("бар", "V;DES;1;SG;PST", "барғым келді"),
    ("бар", "V;DES;1;SG;PST;NEG", "барғым келмеді"),
])
def test_desire(lemma, tags, form):
    assert inflect(lemma, tags) == form


@pytest.mark.parametrize("lemma,suffix,word", [
    ("балық", "шы", "балықшы"), ("етік", "AGT", "етікші"), ("мал", "-шы", "малшы"),
    ("дос", "лық", "достық"), ("жақсы", "лық", "жақсылық"), ("бір", "лік", "бірлік"), ("адам", "ABST", "адамдық"),
    ("ұлт", "тық", "ұлттық"), ("турист", "тік", "туристік"),
    ("тұз", "лы", "тұзды"), ("бала", "PROPR", "балалы"), ("күш", "ті", "күшті"), ("сән", "ді", "сәнді"),
    ("үй", "сыз", "үйсіз"), ("су", "PRIV", "сусыз"), ("ақыл", "сіз", "ақылсыз"),
])
def test_derive(lemma, suffix, word):
    assert derive(lemma, suffix) == word


def test_derived_words_inflect_and_explain():
    assert inflect(derive("дос", "лық"), "N;DAT") == "достыққа"
    e = explain_derivation("дос", "лық", lang="ru")
    assert e.form == "достық"
    assert e.steps[-1].rule == "-тық: отвлечённое существительное (-лық); перед ним гласная заднего ряда о; после глухого звука"
    with pytest.raises(ValueError, match="derivational suffix"):
        derive("дос", "xyz")


def test_explain_in_turkish():
    e = explain("кітап", "N;PSS1S;SG", lang="tr")
    assert e.steps[1].rule == "кітап → кітаб-: п, ünlüden önce б olur"
    assert explain("бар", "V;COND;1;SG", lang="tr").steps[-2].rule.startswith("-са: şart kipi (-са)")


def test_spelling_rules_are_explained():
    assert explain("журналист", "N;PL").steps[1].rule == "ст + т is written ст"
    assert explain("съезд", "N;DAT").steps[1].rule == "съезд → съез-: the silent д of -зд is not written before a suffix"
    assert explain("ұйы", "V;NFIN").form == "ұю"


def test_finite_verbs_refuse_case_tags():
    with pytest.raises(ValueError, match="NFIN or PTCP"):
        inflect("бар", "V;PRS;1;SG;DAT")
