using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace MesaServicio.Core.Knowledge;

/// <summary>
/// Renders an article's Markdown as HTML that cannot carry script: raw HTML is not parsed (Markdig's
/// <c>DisableHtml</c>: <c>&lt;script&gt;</c> shows as text), and a link or image whose address is not http, https,
/// mailto or relative (e.g. <c>javascript:</c>, <c>data:</c>) is replaced by its text.
/// </summary>
public static class ArticleMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    public static string ToHtml(string? markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafe(link.Url))
            {
                // The label stays (as text, with its emphasis): ReplaceBy moves the link's children after the replacement.
                link.ReplaceBy(new LiteralInline(link.FirstChild is null ? link.Url ?? "" : ""));
            }
            else if (!link.IsImage)
            {
                link.GetAttributes().AddPropertyIfNotExist("rel", "noopener noreferrer");
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafe(link.Url))
            {
                link.ReplaceBy(new LiteralInline(link.Url ?? ""));
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>Whether a link's address is http, https, mailto or relative (no other scheme, however disguised).</summary>
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return true;
        }

        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        var compact = new string([.. url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))]);
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return true;
        }

        var firstSeparator = compact.IndexOfAny(['/', '?', '#']);
        if (firstSeparator >= 0 && firstSeparator < colon)
        {
            return true; // "/ruta:algo", "?q=a:b": relative
        }

        var scheme = compact[..colon];
        return SafeSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }
}
