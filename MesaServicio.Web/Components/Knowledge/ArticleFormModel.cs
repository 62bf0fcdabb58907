using MesaServicio.Core.Knowledge;

namespace MesaServicio.Web.Components.Knowledge;

/// <summary>What the article form holds while typed (kept as typed when Core refuses it).</summary>
public sealed class ArticleFormModel
{
    public string? Title { get; set; }

    public string? Body { get; set; }

    public int? CategoryId { get; set; }

    public ArticleAudience Audience { get; set; } = ArticleAudience.Public;

    public Guid? OwnerId { get; set; }

    /// <summary>yyyy-MM-dd from the date input, or empty.</summary>
    public string? ReviewOn { get; set; }

    public ArticleDraft ToDraft() => new(Title, Body, CategoryId, Audience,
        DateOnly.TryParseExact(ReviewOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null);

    public static ArticleFormModel From(ArticleDetails a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new()
        {
            Title = a.Title,
            Body = a.Body,
            CategoryId = a.CategoryId,
            Audience = a.Audience,
            OwnerId = a.OwnerId,
            ReviewOn = a.ReviewOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
