using MesaServicio.Core.Knowledge;
using MudBlazor;

namespace MesaServicio.Web.Components.Knowledge;

/// <summary>The knowledge base's words on screen.</summary>
internal static class KnowledgeLabels
{
    public static string Status(ArticleStatus status) => status switch
    {
        ArticleStatus.Draft => "Borrador",
        ArticleStatus.Published => "Publicado",
        ArticleStatus.Retired => "Retirado",
        _ => status.ToString(),
    };

    public static string Audience(ArticleAudience audience) => audience == ArticleAudience.Public ? "Público" : "Interno";

    public static Color StatusColor(ArticleStatus status) => status switch
    {
        ArticleStatus.Published => Color.Success,
        ArticleStatus.Retired => Color.Default,
        _ => Color.Warning,
    };

    public static string Day(DateOnly? day) => day?.ToString("d 'de' MMMM 'de' yyyy", Labels.Culture) ?? "sin fecha";

    public static string History(ArticleHistoryLine line) => line.Kind switch
    {
        ArticleHistoryKind.Created => "Creó el artículo" + (line.Detail is { } d ? " (" + d + ")" : ""),
        ArticleHistoryKind.Edited => line.Detail ?? "Editó el artículo",
        ArticleHistoryKind.Published => "Publicó el artículo (" + line.From + " → " + line.To + ")",
        ArticleHistoryKind.Retired => "Retiró el artículo (" + line.From + " → " + line.To + ")",
        _ => line.Kind.ToString(),
    };
}
