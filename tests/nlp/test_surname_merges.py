"""A surname of two words ("De Vido", "Symmons Roberts") names the person named in full."""

from tests.conftest import clusters


def test_a_surname_with_a_particle_is_the_person_named_in_full(nlp):
    doc = nlp(
        "Planning Minister Ivo De Darnel has offered help. De Darnel said the state would pay."
    )
    assert ("Person", ["De Darnel", "Ivo De Darnel"]) in clusters(doc)


def test_a_double_surname_is_the_person_named_in_full(nlp):
    doc = nlp("The poet Ivo Symmons Darnel won. Symmons Darnel said he was delighted.")
    assert ("Person", ["Ivo Symmons Darnel", "Symmons Darnel"]) in clusters(doc)


def test_two_people_sharing_a_surname_stay_two(nlp):
    doc = nlp("Jon Darnel scored twice. Ivo Darnel was happy.")
    assert [c for c in clusters(doc) if c[0] == "Person"] == [
        ("Person", ["Ivo Darnel"]),
        ("Person", ["Jon Darnel"]),
    ]
