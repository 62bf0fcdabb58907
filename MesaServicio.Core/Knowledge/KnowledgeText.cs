using System.Linq.Expressions;
using MesaServicio.Core.Common;

namespace MesaServicio.Core.Knowledge;

/// <summary>
/// The knowledge base's search, the same on SQLite and PostgreSQL: every article keeps its words folded (lower case,
/// no accents: "Contraseña" = "contrasena") and reduced to a light Spanish singular ("impresoras" → "impresora",
/// "redes" → "red", "luces" → "luz") as rows of a word index written with the article (<see cref="ArticleWord"/>); a
/// query is reduced the same way and each of its words matches a stored word that begins with it. The index is read
/// by the words' first letters (an equality on a B-tree), the rest of the prefix is checked on those rows, and the
/// score is summed per article in SQL. See docs/decisions/0025-knowledge-search.md and 0037-knowledge-word-index.md.
/// </summary>
public static class KnowledgeText
{
    /// <summary>At most this many words of a query count (the rest are ignored).</summary>
    public const int MaxQueryTerms = 8;

    private static readonly HashSet<string> StopWords = new(
        ["los", "las", "del", "que", "por", "con", "una", "uno", "unos", "unas", "sin", "mis", "sus", "hay", "muy", "mas", "para", "como",
            "desde", "hasta", "pero", "porque", "cuando", "donde", "este", "esta", "estos", "estas", "esto", "tengo", "tiene", "favor",
            "solicito", "buenos", "buenas", "tardes", "dias", "gracias", "sobre", "entre", "todos", "tambien", "ser", "son", "fue",
            "the", "and", "les", "nos", "ella", "ellos", "ese", "esa", "eso", "otro", "otra", "ademas", "cual", "quien", "puedo", "debe"],
        StringComparer.Ordinal);

    /// <summary>The distinct significant words of an article, each with whether its title holds it.</summary>
    public static Dictionary<string, bool> Words(string? title, string? body)
    {
        var words = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var term in Terms(title, keepAll: true))
        {
            words[term] = true;
        }

        foreach (var term in Terms(body, keepAll: true))
        {
            words.TryAdd(term, false);
        }

        return words;
    }

    /// <summary>The significant terms of a query: folded, singular, stop words and words under 3 letters left out.</summary>
    public static IReadOnlyList<string> QueryTerms(string? query) =>
        Terms(query, keepAll: false).Distinct(StringComparer.Ordinal).Take(MaxQueryTerms).ToList();

    /// <summary>A light Spanish singular of a folded word: enough for plurals to meet their singular; both sides use it.</summary>
    public static string Singular(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length <= 3 || !word.EndsWith('s') || word.All(char.IsDigit))
        {
            return word;
        }

        if (word.EndsWith("ces", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "z";
        }

        // "redes", "papeles", "impresiones", "servidores": a consonant before "es" belongs to the singular's end.
        if (word.EndsWith("es", StringComparison.Ordinal) && word.Length > 4 && "lrndjy".Contains(word[^3], StringComparison.Ordinal))
        {
            return word[..^2];
        }

        // "impresoras", "equipos", "correos" (but not "gas", "mes": at least four letters remain).
        return word.Length > 4 ? word[..^1] : word;
    }

    /// <summary>
    /// Each article holding a word that begins with one of <paramref name="terms"/> (at least three letters each, as
    /// <see cref="QueryTerms"/> gives them), with how many of the terms it holds and its score: for each term, 3 when
    /// the title holds it, else 1. One grouped query both engines run alike; its words are read through the index on
    /// their first letters.
    /// </summary>
    public static IQueryable<ArticleScore> Scores(IQueryable<ArticleWord> words, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(words);
        ArgumentNullException.ThrowIfNull(terms);
        if (terms.Count == 0 || terms.Any(t => t.Length < ArticleWord.HeadLength))
        {
            throw new ArgumentException("Every term needs at least three letters.", nameof(terms));
        }

        var word = Expression.Parameter(typeof(ArticleWord), "w");
        Expression? filter = null;
        foreach (var group in terms.GroupBy(ArticleWord.HeadOf, StringComparer.Ordinal))
        {
            Expression? prefixes = null;
            foreach (var term in group)
            {
                prefixes = prefixes is null ? StartsWith(word, term) : Expression.OrElse(prefixes, StartsWith(word, term));
            }

            var test = Expression.AndAlso(Expression.Equal(Expression.Property(word, nameof(ArticleWord.Head)), Parameter(group.Key)), prefixes!);
            filter = filter is null ? test : Expression.OrElse(filter, test);
        }

        // Per article and term: MAX(CASE WHEN the word begins with the term THEN 1 (3 in the title) ELSE 0 END), summed.
        var article = Expression.Parameter(typeof(IGrouping<int, ArticleWord>), "g");
        Expression hits = Expression.Constant(0);
        Expression score = Expression.Constant(0);
        foreach (var term in terms)
        {
            hits = Expression.Add(hits, MaxOver(article, word, Expression.Condition(StartsWith(word, term), One, Zero)));
            var weight = Expression.Condition(Expression.Property(word, nameof(ArticleWord.InTitle)), Expression.Constant(3), One);
            score = Expression.Add(score, MaxOver(article, word, Expression.Condition(StartsWith(word, term), weight, Zero)));
        }

        var select = Expression.Lambda<Func<IGrouping<int, ArticleWord>, ArticleScore>>(
            Expression.MemberInit(
                Expression.New(typeof(ArticleScore)),
                Expression.Bind(typeof(ArticleScore).GetProperty(nameof(ArticleScore.ArticleId))!, Expression.Property(article, nameof(IGrouping<int, ArticleWord>.Key))),
                Expression.Bind(typeof(ArticleScore).GetProperty(nameof(ArticleScore.Hits))!, hits),
                Expression.Bind(typeof(ArticleScore).GetProperty(nameof(ArticleScore.Score))!, score)),
            article);
        return words.Where(Expression.Lambda<Func<ArticleWord, bool>>(filter!, word)).GroupBy(w => w.ArticleId).Select(select);
    }

    private static readonly ConstantExpression One = Expression.Constant(1);
    private static readonly ConstantExpression Zero = Expression.Constant(0);

    private static readonly System.Reflection.MethodInfo StringStartsWith = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(string)])!;

    private static readonly System.Reflection.MethodInfo EnumerableMax = typeof(Enumerable).GetMethods()
        .Single(m => m.Name == nameof(Enumerable.Max) && m.IsGenericMethodDefinition && m.GetGenericArguments().Length == 1
            && m.GetParameters().Length == 2 && m.GetParameters()[1].ParameterType == typeof(Func<,>).MakeGenericType(m.GetGenericArguments()[0], typeof(int)))
        .MakeGenericMethod(typeof(ArticleWord));

    private static MethodCallExpression MaxOver(ParameterExpression group, ParameterExpression word, Expression value) =>
        Expression.Call(EnumerableMax, group, Expression.Lambda<Func<ArticleWord, int>>(value, word));

    private static MethodCallExpression StartsWith(ParameterExpression word, string term) =>
        Expression.Call(Expression.Property(word, nameof(ArticleWord.Word)), StringStartsWith, Parameter(term));

    // A captured value, not a literal: EF sends it as a parameter (one plan per shape, no SQL built from text).
    private static MemberExpression Parameter(string value) =>
        Expression.Property(Expression.Constant(new TermHolder(value)), nameof(TermHolder.Value));

    private static IEnumerable<string> Terms(string? text, bool keepAll)
    {
        foreach (var word in TextSearch.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length < 3 && !(keepAll && word.Length >= 2 && word.Any(char.IsDigit)))
            {
                continue;
            }

            if (!keepAll && StopWords.Contains(word))
            {
                continue;
            }

            yield return Singular(word);
        }
    }

    private sealed class TermHolder(string value)
    {
        public string Value { get; } = value;
    }
}

/// <summary>An article matched by a search: how many of the query's terms it holds, and its score (see <see cref="KnowledgeText.Scores"/>).</summary>
public sealed class ArticleScore
{
    public int ArticleId { get; init; }

    public int Hits { get; init; }

    public int Score { get; init; }
}
