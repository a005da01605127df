namespace Guichet.Web.Search;

/// <summary>
/// The words of a sentence that say nothing of its subject, in the five languages ("how do I", "comment puis-je",
/// "wie kann ich"…), folded as the index folds them (lower case, no accents). Used where a sentence is searched for any
/// of its words (the request form's suggestions): matching "the" or "de" would rank every document.
/// </summary>
public static class CommonWords
{
    private static readonly HashSet<string> Words = new(StringComparer.Ordinal)
    {
        // English
        "the", "and", "for", "are", "was", "can", "cannot", "how", "what", "why", "when", "where", "who", "which", "does",
        "did", "not", "don", "doesn", "you", "your", "our", "his", "her", "its", "they", "them", "this", "that", "these", "those",
        "with", "from", "into", "have", "has", "had", "any", "all", "get", "got", "there", "here", "about", "out", "too", "very",
        "please", "help", "need", "want", "would", "could", "should", "will", "just", "but", "some", "more", "still", "again",
        // French
        "les", "des", "une", "est", "sont", "pas", "plus", "pour", "par", "sur", "dans", "avec", "sans", "que", "qui", "quoi",
        "comment", "pourquoi", "quand", "mon", "mes", "ton", "tes", "son", "ses", "notre", "nos", "votre", "vos", "leur", "leurs",
        "elle", "ils", "elles", "nous", "vous", "moi", "toi", "lui", "cette", "ces", "ceci", "cela", "suis", "ete", "etre", "avoir",
        "fait", "faire", "peux", "peut", "puis", "veux", "aux", "encore", "toujours", "aide", "bonjour", "merci",
        // German
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "und", "oder", "ist", "sind", "war",
        "nicht", "kein", "keine", "ich", "mich", "mir", "mein", "meine", "sie", "wir", "uns", "ihr", "ihre", "wie", "was", "warum",
        "wann", "wer", "wo", "kann", "koennen", "konnen", "mit", "von", "fur", "auf", "aus", "bei", "nach", "noch", "immer", "hilfe",
        "bitte", "danke", "hallo",
        // Spanish
        "los", "las", "del", "una", "uno", "unos", "unas", "que", "por", "para", "con", "sin", "como", "cuando", "donde", "quien",
        "porque", "mis", "tus", "sus", "nuestro", "nuestra", "esta", "este", "estos", "estas", "eso", "esto", "puedo", "puede",
        "hay", "muy", "mas", "todavia", "ayuda", "hola", "gracias",
        // Italian
        "gli", "dei", "delle", "della", "dello", "degli", "uno", "una", "che", "chi", "non", "per", "con", "senza", "come",
        "quando", "dove", "perche", "mio", "mia", "miei", "mie", "tuo", "suo", "nostro", "vostro", "questo", "questa", "quello",
        "quella", "sono", "posso", "puo", "ancora", "sempre", "aiuto", "ciao", "grazie",
    };

    /// <summary>Whether a folded word says nothing of a subject; words of one or two letters never do.</summary>
    public static bool Contains(string foldedWord) => foldedWord.Length < 3 || Words.Contains(foldedWord);
}
