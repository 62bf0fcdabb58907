namespace MesaServicio.Core.Knowledge;

/// <summary>
/// One folded, singular word of an article (<see cref="KnowledgeText"/>), written with the article: the knowledge base's
/// word index. A query term finds the words that begin with it through <see cref="Head"/>, its first letters, an
/// equality both engines answer from a B-tree whatever the collation (docs/decisions/0037-knowledge-word-index.md).
/// </summary>
public sealed class ArticleWord
{
    /// <summary>How many letters <see cref="Head"/> keeps: a query term has at least this many.</summary>
    public const int HeadLength = 3;

    private ArticleWord()
    {
        Word = "";
        Head = "";
    }

    internal ArticleWord(string word, bool inTitle)
    {
        ArgumentException.ThrowIfNullOrEmpty(word);
        Word = word;
        Head = HeadOf(word);
        InTitle = inTitle;
    }

    public int ArticleId { get; private set; }

    public string Word { get; private set; }

    /// <summary>The word's first <see cref="HeadLength"/> letters (all of it when shorter).</summary>
    public string Head { get; private set; }

    /// <summary>Whether the title holds the word (a title match ranks higher).</summary>
    public bool InTitle { get; internal set; }

    internal static string HeadOf(string word) => word.Length <= HeadLength ? word : word[..HeadLength];
}
