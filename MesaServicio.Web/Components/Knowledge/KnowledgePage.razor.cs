using MesaServicio.Core.Common;
using MesaServicio.Core.Knowledge;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Knowledge;

/// <summary>
/// The knowledge base (<c>/conocimiento</c>): a search (accents and plurals ignored, ranked, paged). Staff see every
/// article and filter by state; anyone else signed in sees the published public articles (Core decides).
/// </summary>
public sealed partial class KnowledgePage
{
    private ArticleResults? _page;
    private string? _query;
    private string? _searched;
    private ArticleStatus? _status;
    private bool _staff;
    private bool _mayWrite;
    private string? _error;

    [Inject]
    private SearchArticles Search { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")]
    public string? Q { get; set; }

    private string ResultsHeading => _page is null ? "Artículos"
        : string.IsNullOrWhiteSpace(_searched) ? $"Artículos ({_page.Total.ToString("N0", Labels.Culture)})"
        : $"Resultados para «{_searched}» ({_page.Total.ToString("N0", Labels.Culture)})";

    protected override async Task OnInitializedAsync()
    {
        var user = await Users.GetAsync();
        _staff = KnowledgeAccess.ReadsAll(user);
        _mayWrite = KnowledgeAccess.Writes(user);
        _query = Q;
        await LoadAsync(1);
    }

    private Task SearchAsync() => LoadAsync(1);

    private async Task StatusChangedAsync(ArticleStatus? status)
    {
        _status = status;
        await LoadAsync(1);
    }

    private Task PageChangedAsync(int page) => LoadAsync(page);

    private async Task LoadAsync(int page)
    {
        try
        {
            _error = null;
            _searched = _query?.Trim();
            _page = await Search.HandleAsync(new ArticleSearch(_query, _status, Page: page), await Users.GetAsync(), CancellationToken.None);
        }
        catch (DomainException refused)
        {
            _error = refused.Message;
        }
    }
}
