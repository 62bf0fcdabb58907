using MesaServicio.Core.Cases;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.People;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Cases;

/// <summary>The new-case form: the requester's own, or an agent's on someone's behalf (channel Agente).</summary>
public partial class NewCase : IDisposable
{
    /// <summary>The pause in typing after which the requester's similar open cases are looked up.</summary>
    internal static readonly TimeSpan SimilarSearchDelay = TimeSpan.FromMilliseconds(400);

    private ITimer? _similarTimer;
    private AttachmentInput? _attachments;
    private CurrentUser _user = CurrentUser.Anonymous;

    [Inject]
    private RegisterCase Register { get; set; } = default!;

    [Inject]
    private CategoryTree Categories { get; set; } = default!;

    [Inject]
    private GetPriorityMatrix Matrices { get; set; } = default!;

    [Inject]
    private FindSimilarCases SimilarCases { get; set; } = default!;

    [Inject]
    private SearchPeople People { get; set; } = default!;

    [Inject]
    private Core.Knowledge.SuggestArticles SuggestArticles { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private RegistrationNotes Notes { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    internal NewCaseForm Form { get; } = new();

    internal IReadOnlyList<CategoryNode> Tree { get; private set; } = [];

    internal PriorityMatrix? Matrix { get; private set; }

    internal IReadOnlyList<SimilarCase> Similar { get; private set; } = [];

    /// <summary>Published articles matching the subject (public ones for a requester).</summary>
    internal IReadOnlyList<Core.Knowledge.ArticleSuggestion> Articles { get; private set; } = [];

    /// <summary>The title of the article that resolved the need: the filing ended without a case (a case avoided).</summary>
    internal string? ResolvedBy { get; private set; }

    internal CurrentUser User => _user;

    internal string? Error { get; private set; }

    internal bool Busy { get; private set; }

    internal bool IsStaff => _user.IsStaff;

    internal bool OnBehalf { get; set; }

    internal PersonOption? Requester { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _user = await Users.GetAsync();
        Tree = await Categories.GetAsync(CancellationToken.None);
        Matrix = await Matrices.HandleAsync(CancellationToken.None);
    }

    internal Task<IEnumerable<PersonOption>> SearchPeopleAsync(string? text, CancellationToken cancellationToken) =>
        People.HandleAsync(text, _user, cancellationToken).ContinueWith(t => (IEnumerable<PersonOption>)t.Result, cancellationToken,
            TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    internal async Task CategoryChangedAsync(int categoryId)
    {
        Form.CategoryId = categoryId;
        await RefreshSimilarAsync();
    }

    /// <summary>The subject or description changed: look up similar cases once the typing pauses (one lookup per pause, not per key).</summary>
    internal void TextChanged()
    {
        _similarTimer?.Dispose();
        _similarTimer = Time.CreateTimer(_ => _ = InvokeAsync(SimilarAfterPauseAsync), null, SimilarSearchDelay, Timeout.InfiniteTimeSpan);
    }

    private async Task SimilarAfterPauseAsync()
    {
        await RefreshSimilarAsync();
        StateHasChanged();
    }

    public void Dispose()
    {
        _similarTimer?.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task RefreshSimilarAsync()
    {
        Articles = await SuggestArticles.HandleAsync(Form.Subject, Form.CategoryId == 0 ? null : Form.CategoryId, _user, CancellationToken.None);
        var requester = OnBehalf ? Requester?.Id : _user.PersonId;
        if (requester is not { } id)
        {
            Similar = [];
            return;
        }

        Similar = await SimilarCases.HandleAsync(
            id, Form.CategoryId == 0 ? null : Form.CategoryId, Form.Subject + " " + Form.Description, _user, CancellationToken.None);
    }

    /// <summary>An article resolved the need: nothing is filed; the form keeps what was typed in case she files after all.</summary>
    internal void ArticleResolved(string title) => ResolvedBy = title;

    /// <summary>"Registrar el caso de todos modos": back to the form, as it was typed.</summary>
    internal void FileAnyway() => ResolvedBy = null;

    internal async Task SubmitAsync()
    {
        Busy = true;
        Error = null;
        try
        {
            var onBehalf = OnBehalf && IsStaff;
            if (onBehalf && Requester is null)
            {
                Error = "Seleccione el usuario solicitante.";
                return;
            }

            // A PQRS presented in person is radicada now, by the agent, with the modality chosen.
            var channel = !onBehalf ? CaseChannel.Portal : Form.OnBehalfChannel == CaseChannel.Pqrs ? CaseChannel.Pqrs : CaseChannel.Agent;
            var pending = _attachments?.Validate();
            if (pending is not null)
            {
                Error = pending;
                return;
            }

            var result = await Register.HandleAsync(
                new RegisterCaseCommand(Form.Kind, Form.CategoryId, Form.Subject, Form.Description, Form.Impact, Form.Urgency,
                    channel, onBehalf ? Requester!.Id : _user.PersonId ?? Guid.Empty,
                    channel == CaseChannel.Pqrs ? new Core.Sla.PqrsFiling(Form.Modality, Time.GetUtcNow()) : null),
                _user, CancellationToken.None);
            var attachmentError = _attachments is null ? null : await _attachments.UploadAsync(result.Number, _user);
            if (attachmentError is not null)
            {
                Notes.AttachmentsRefused(result.Number, attachmentError);
            }

            // registrado=1: the case page confirms the registration and says what happens next.
            Navigation.NavigateTo(attachmentError is null
                ? $"/casos/{result.Number}?registrado=1"
                : $"/casos/{result.Number}?registrado=1&adjuntos=error");
        }
        catch (DomainException ex)
        {
            // The form keeps everything typed; only the message is new.
            Error = ex.Message;
        }
        finally
        {
            Busy = false;
        }
    }
}
