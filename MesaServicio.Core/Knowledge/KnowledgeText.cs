using System.Linq.Expressions;
using System.Text;
using MesaServicio.Core.Common;

namespace MesaServicio.Core.Knowledge;

/// <summary>
/// The knowledge base's search, the same on SQLite and PostgreSQL: every article keeps its words folded (lower case,
/// no accents: "Contraseña" = "contrasena") and reduced to a light Spanish singular ("impresoras" → "impresora",
/// "redes" → "red", "luces" → "luz") in a column written with the article (" w1 w2 … "); a query is reduced the same
/// way and each of its words matches a stored word that begins with it (a plain substring test on " " + word, which both
/// engines run alike). See docs/decisions/0025-knowledge-search.md.
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

    /// <summary>The stored form of a text: its distinct significant terms, each surrounded by spaces.</summary>
    public static string Index(string? text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        var builder = new StringBuilder(" ");
        foreach (var term in Terms(text, keepAll: true))
        {
            if (terms.Add(term))
            {
                builder.Append(term).Append(' ');
            }
        }

        return builder.ToString();
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
    /// A filter "the article's words hold one beginning with any (or all) of the terms", and a
    /// score (title matches weigh 3, others 1) for ranking, as expressions EF translates the same way on both engines.
    /// </summary>
    public static Expression<Func<Article, bool>> Matches(IReadOnlyList<string> terms, bool all)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var article = Expression.Parameter(typeof(Article), "a");
        Expression? body = null;
        foreach (var term in terms)
        {
            var test = Contains(article, nameof(Article.SearchText), term);
            body = body is null ? test : all ? Expression.AndAlso(body, test) : Expression.OrElse(body, test);
        }

        return Expression.Lambda<Func<Article, bool>>(body ?? Expression.Constant(true), article);
    }

    /// <summary>The ranking score: for each term, 3 when the title holds it, else 1 when the body does.</summary>
    public static Expression<Func<Article, int>> Score(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var article = Expression.Parameter(typeof(Article), "a");
        return Expression.Lambda<Func<Article, int>>(ScoreOf(article, terms), article);
    }

    /// <summary>An article projected with its score and how many of the terms it holds (for suggestions).</summary>
    public static Expression<Func<Article, ArticleHit>> Ranked(IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        Expression<Func<Article, int, int, ArticleHit>> template = (a, score, hits) => new ArticleHit
        {
            Id = a.Id,
            Title = a.Title,
            Audience = a.Audience,
            CategoryId = a.CategoryId,
            UpdatedAt = a.UpdatedAt,
            Start = a.Body.Substring(0, 260),
            Score = score,
            Hits = hits,
        };
        var article = template.Parameters[0];
        Expression hits = Expression.Constant(0);
        foreach (var term in terms)
        {
            hits = Expression.Add(hits, Expression.Condition(Contains(article, nameof(Article.SearchText), term), Expression.Constant(1), Expression.Constant(0)));
        }

        var body = new Replace(template.Parameters[1], ScoreOf(article, terms), template.Parameters[2], hits).Visit(template.Body);
        return Expression.Lambda<Func<Article, ArticleHit>>(body, article);
    }

    private static Expression ScoreOf(ParameterExpression article, IReadOnlyList<string> terms)
    {
        Expression body = Expression.Constant(0);
        foreach (var term in terms)
        {
            body = Expression.Add(body, Expression.Condition(
                Contains(article, nameof(Article.TitleText), term), Expression.Constant(3),
                Expression.Condition(Contains(article, nameof(Article.SearchText), term), Expression.Constant(1), Expression.Constant(0))));
        }

        return body;
    }

    private static MethodCallExpression Contains(ParameterExpression article, string column, string term)
    {
        // A captured value, not a literal: EF sends it as a parameter (one plan per shape, no SQL built from text).
        var holder = new TermHolder(" " + term);
        var value = Expression.Property(Expression.Constant(holder), nameof(TermHolder.Value));
        return Expression.Call(Expression.Property(article, column), StringContains, value);
    }

    private static readonly System.Reflection.MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;

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

    private sealed class Replace(ParameterExpression first, Expression firstBy, ParameterExpression second, Expression secondBy) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            node == first ? firstBy : node == second ? secondBy : base.VisitParameter(node);
    }

    private sealed class TermHolder(string value)
    {
        public string Value { get; } = value;
    }
}

/// <summary>An article matched by a search, with its score (see <see cref="KnowledgeText.Ranked"/>).</summary>
public sealed class ArticleHit
{
    public int Id { get; init; }

    public string Title { get; init; } = "";

    public ArticleAudience Audience { get; init; }

    public int CategoryId { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The beginning of the body, for an excerpt.</summary>
    public string Start { get; init; } = "";

    public int Score { get; init; }

    /// <summary>How many of the query's terms the article holds.</summary>
    public int Hits { get; init; }
}
