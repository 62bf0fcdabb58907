using MesaServicio.Core.Calendar;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.Knowledge;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Knowledge;

/// <summary>
/// One article (<c>/conocimiento/{id}</c>): its safe HTML; for staff its state, owner, review day, origin and history, and
/// the operations Core allows this person (edit, publish, retire). Out of reach or missing: "not found".
/// </summary>
public sealed partial class ArticlePage
{
    private ArticleDetails? _article;
    private ArticleFormModel? _form;
    private IReadOnlyList<CategoryNode> _tree = [];
    private IReadOnlyList<ArticleOwnerOption> _owners = [];
    private CurrentUser _user = CurrentUser.Anonymous;
    private bool _staff;
    private bool _notFound;
    private bool _busy;
    private string? _error;
    private string? _done;

    [Parameter]
    public int Id { get; set; }

    [SupplyParameterFromQuery(Name = "creado")]
    public string? Created { get; set; }

    [Inject]
    private GetArticle Get { get; set; } = default!;

    [Inject]
    private EditArticle Edit { get; set; } = default!;

    [Inject]
    private PublishArticle Publish { get; set; } = default!;

    [Inject]
    private RetireArticle Retire { get; set; } = default!;

    [Inject]
    private CategoryTree Categories { get; set; } = default!;

    [Inject]
    private ListArticleOwners Owners { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private IBusinessCalendarProvider Calendars { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>Whether a published article's review day has come (its owner and editors are asked to review it).</summary>
    private bool ReviewDue(ArticleDetails a) =>
        a.MayEdit && Article.ReviewDue(a.Status, a.ReviewOn, DateOnly.FromDateTime(Calendars.Current.ToLocal(Time.GetUtcNow()).DateTime));

    protected override async Task OnParametersSetAsync()
    {
        _user = await Users.GetAsync();
        _staff = KnowledgeAccess.ReadsAll(_user);
        if (Created == "1")
        {
            _done = "Borrador creado. Revíselo y edítelo; el líder técnico de su categoría o el coordinador lo publican.";
        }

        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _article = await Get.HandleAsync(Id, _user, CancellationToken.None);
        }
        catch (NotFoundException)
        {
            _notFound = true;
        }
    }

    private async Task StartEdit()
    {
        if (_article is null)
        {
            return;
        }

        _tree = await Categories.GetAsync(CancellationToken.None);
        _owners = await Owners.HandleAsync(_user, CancellationToken.None);
        _form = ArticleFormModel.From(_article);
        _done = null;
    }

    private void CancelEdit()
    {
        _form = null;
        _error = null;
    }

    private Task SaveAsync() => RunAsync(async () =>
    {
        var form = _form!;
        await Edit.HandleAsync(new EditArticleCommand(Id, _article!.Version, form.ToDraft(), form.OwnerId ?? _article.OwnerId), _user, CancellationToken.None);
        _form = null;
        return "Cambios guardados.";
    });

    private Task PublishAsync() => RunAsync(async () =>
    {
        await Publish.HandleAsync(Id, _article!.Version, _user, CancellationToken.None);
        return "Artículo publicado.";
    });

    private Task RetireAsync() => RunAsync(async () =>
    {
        await Retire.HandleAsync(Id, _article!.Version, _user, CancellationToken.None);
        return "Artículo retirado: ya no se ofrece a nadie; se conserva con su historial.";
    });

    /// <summary>Runs an operation; a refusal shows its Spanish message and the form keeps what was typed.</summary>
    private async Task RunAsync(Func<Task<string>> operation)
    {
        _busy = true;
        _error = null;
        _done = null;
        try
        {
            _done = await operation();
            await LoadAsync();
        }
        catch (DomainException refused)
        {
            _error = refused.Message;
        }
        finally
        {
            _busy = false;
        }
    }
}
