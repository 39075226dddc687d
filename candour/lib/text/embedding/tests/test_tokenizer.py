from candour.lib.text.embedding.tokenizer import WordPieceTokenizer, normalise, pre_tokenise


def test_normalise_lower_cases_strips_accents_and_controls():
    assert normalise("Zoë's CAFÉ\tnaïve\x00") == "zoe's cafe naive"


def test_punctuation_marks_are_words_of_their_own():
    assert pre_tokenise("ran-off (at 02:00), [name]!") == [
        "ran", "-", "off", "(", "at", "02", ":", "00", ")", ",", "[", "name", "]", "!",
    ]  # fmt: skip


def test_words_split_into_longest_known_pieces():
    tokenizer = WordPieceTokenizer(["[UNK]", "safe", "##guard", "##ing", "child"])
    assert tokenizer.ids("Safeguarding child") == [1, 2, 3, 4]


def test_a_word_with_no_segmentation_is_dropped():
    tokenizer = WordPieceTokenizer(["[UNK]", "child", "x"])
    assert tokenizer.ids("child qqq x") == [1, 2]


def _split_char_by_char(text):
    """BERT's pre-tokeniser written out, to check the fast path against."""
    words = []
    for chunk in text.split():
        start = 0
        for position, char in enumerate(chunk):
            if not char.isalnum():
                if start < position:
                    words.append(chunk[start:position])
                words.append(char)
                start = position + 1
        if start < len(chunk):
            words.append(chunk[start:])
    return words


def test_the_ascii_fast_path_splits_as_bert_does():
    text = 'Staff_member\'s 2x dose; $5 @home-ok? #tag ~x {y} `z` a|b \\ c^d "q" +1 =2 <3>'
    for sample in (text, normalise(text), "plain words only", "", "  "):
        assert pre_tokenise(sample) == _split_char_by_char(sample)


def test_ids_of_pre_tokenised_words_match_ids_of_the_text():
    tokenizer = WordPieceTokenizer(["[UNK]", "safe", "##guard", "##ing", "child", "-"])
    text = "Safeguarding child-safe qqq"
    assert tokenizer.ids_of_words(pre_tokenise(normalise(text))) == tokenizer.ids(text)
    assert tokenizer.ids(text) == [1, 2, 3, 4, 5, 1]
