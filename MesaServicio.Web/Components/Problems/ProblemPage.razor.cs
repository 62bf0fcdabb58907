using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Problems;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MesaServicio.Web.Components.Problems;

/// <summary>
/// One problem (<c>/problemas/{numero}</c>): its facts, the analysis (root cause, workaround, solution), its incidents,
/// comments and history, with the actions the person may take. A refused action says why in Spanish and keeps what was typed.
/// </summary>
public sealed partial class ProblemPage
{
    private ProblemDetails? _problem;
    private bool _notFound;
    private bool _busy;
    private string? _error;
    private string? _stateNote;
    private string? _link;
    private string? _unlink;
    private string? _unlinkReason;
    private string? _comment;
    private Cases.AttachmentInput? _files;
    private string? _commentError;
    private IReadOnlyList<ProblemResponsibleOption> _people = [];
    private readonly EditForm _edit = new();
    private string? _loadedNumber;
    private bool _writesArticles;

    [Parameter, EditorRequired]
    public required string Number { get; set; }

    [SupplyParameterFromQuery(Name = "registrado")]
    public int? Registrado { get; set; }

    [Inject]
    private GetProblem Get { get; set; } = default!;

    [Inject]
    private ChangeProblemState ChangeState { get; set; } = default!;

    [Inject]
    private RecordProblemFinding Findings { get; set; } = default!;

    [Inject]
    private LinkProblemIncidents Link { get; set; } = default!;

    [Inject]
    private UnlinkProblemIncident Unlink { get; set; } = default!;

    [Inject]
    private CommentOnProblem Comment { get; set; } = default!;

    [Inject]
    private EditProblem Edit { get; set; } = default!;

    [Inject]
    private ListProblemResponsibles Responsibles { get; set; } = default!;

    [Inject]
    private CreateArticleFromProblem Articles { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private IBusinessCalendarProvider Calendars { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        // Only a new number loads: a re-render of the layout must not put an older read over the one an action just returned.
        if (string.Equals(_loadedNumber, Number, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        _loadedNumber = Number;
        var user = await Users.GetAsync();
        try
        {
            Show(await Get.HandleAsync(Number, user, CancellationToken.None));
            _writesArticles = Core.Knowledge.KnowledgeAccess.Writes(user);
            _people = await Responsibles.HandleAsync(user, CancellationToken.None);
        }
        catch (NotFoundException)
        {
            _notFound = true;
        }
    }

    private bool Allows(ProblemOperation operation) => _problem?.Allowed.Contains(operation) == true;

    private string When(DateTimeOffset instant) => Calendars.Current.ToLocal(instant).ToString("dd/MM/yyyy h:mm tt", Labels.Culture);

    private void Show(ProblemDetails problem)
    {
        _problem = problem;
        _edit.Title = problem.Title;
        _edit.Description = problem.Description;
        _edit.Impact = problem.Impact;
        _edit.Urgency = problem.Urgency;
        _edit.ResponsibleId = problem.ResponsibleId;
    }

    /// <summary>Runs an action; on success shows the problem as it now is and says so, else the Spanish reason (nothing typed is lost).</summary>
    private async Task<bool> RunAsync(Func<Core.Security.CurrentUser, int, Task<ProblemDetails>> action, string done)
    {
        if (_problem is not { } problem)
        {
            return false;
        }

        _busy = true;
        _error = null;
        try
        {
            Show(await action(await Users.GetAsync(), problem.Version));
            Snackbar.Add(done, Severity.Success);
            return true;
        }
        catch (DomainException refused)
        {
            _error = refused.Message;
            return false;
        }
        finally
        {
            _busy = false;
        }
    }

    private Task AnalyseAsync() =>
        RunAsync((u, v) => ChangeState.HandleAsync(new ChangeProblemStateCommand(Number, v, ProblemOperation.Analyse, null), u, default), "El problema está en análisis.");

    private async Task CloseAsync()
    {
        if (await RunAsync((u, v) => ChangeState.HandleAsync(new ChangeProblemStateCommand(Number, v, ProblemOperation.Close, _stateNote), u, default), "Problema cerrado."))
        {
            _stateNote = null;
        }
    }

    private async Task ReopenAsync()
    {
        if (await RunAsync((u, v) => ChangeState.HandleAsync(new ChangeProblemStateCommand(Number, v, ProblemOperation.Reopen, _stateNote), u, default),
            "Problema reabierto: vuelve a análisis."))
        {
            _stateNote = null;
        }
    }

    private Task FindingAsync(ProblemFinding finding, string? text) =>
        RunAsync((u, v) => Findings.HandleAsync(new RecordProblemFindingCommand(Number, v, finding, text), u, default), finding switch
        {
            ProblemFinding.RootCause => "Causa raíz guardada.",
            ProblemFinding.Workaround => "Solución temporal guardada: se avisó a los técnicos y a los usuarios de las incidencias abiertas.",
            _ => "Problema resuelto: se avisó a los técnicos y a los usuarios de las incidencias abiertas.",
        });

    private async Task LinkAsync()
    {
        var numbers = (_link ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (numbers.Length == 0)
        {
            _error = "Escriba los números de las incidencias que va a vincular.";
            return;
        }

        if (await RunAsync((u, v) => Link.HandleAsync(new LinkProblemIncidentsCommand(Number, v, numbers), u, default), "Incidencias vinculadas."))
        {
            _link = null;
        }
    }

    private async Task UnlinkAsync()
    {
        if (_unlink is null)
        {
            _error = "Elija la incidencia que va a desvincular.";
            return;
        }

        if (await RunAsync((u, v) => Unlink.HandleAsync(new UnlinkProblemIncidentCommand(Number, v, _unlink, _unlinkReason), u, default), "Incidencia desvinculada."))
        {
            _unlink = null;
            _unlinkReason = null;
        }
    }

    private async Task CommentAsync()
    {
        // The files are checked here first (type, size, count), then again with their content by Core; all or nothing.
        // A refusal is said beside the comment box (the page's own alert is far above it on a phone); what was typed stays.
        _commentError = null;
        if (_files?.Validate() is { } refused)
        {
            _commentError = refused;
            return;
        }

        var files = _files is { HasFiles: true } ? _files.ToIncoming() : null;
        if (await RunAsync((u, v) => Comment.HandleAsync(new CommentOnProblemCommand(Number, v, _comment, files), u, default),
                files is null ? "Comentario publicado." : "Comentario y archivos publicados."))
        {
            _comment = null;
            _files?.Clear();
        }
        else
        {
            _commentError = _error;
            _error = null;
        }
    }

    private async Task ArticleAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var id = await Articles.HandleAsync(Number, await Users.GetAsync(), CancellationToken.None);
            Navigation.NavigateTo($"/conocimiento/{id}");
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

    private Task EditAsync() =>
        RunAsync((u, v) => Edit.HandleAsync(new EditProblemCommand(Number, v, _edit.Title, _edit.Description, _problem!.CategoryId, _edit.Impact, _edit.Urgency,
            _edit.ResponsibleId), u, default), "Cambios guardados.");

    private sealed class EditForm
    {
        public string? Title { get; set; }

        public string? Description { get; set; }

        public Impact Impact { get; set; }

        public Urgency Urgency { get; set; }

        public Guid? ResponsibleId { get; set; }
    }
}
