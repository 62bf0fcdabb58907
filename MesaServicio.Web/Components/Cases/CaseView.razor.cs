using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Live;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MesaServicio.Web.Components.Cases;

/// <summary>
/// One case: what the person may see of it, the satisfaction survey, and the actions they may take. Live for everyone who
/// may see it: when the case changes anywhere (another person, another instance, the timed work) the page reads it again
/// (it listens to the server's live feed, decision 0020), and the ANS chips tick every <see cref="TickInterval"/>.
/// </summary>
public partial class CaseView : IAsyncDisposable
{
    /// <summary>How often the ANS chips are recomputed from the case's clock facts (no database read).</summary>
    internal static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _disposed = new();
    private IDisposable? _subscription;
    private string? _listenedNumber;
    private int _reloading;
    [Inject]
    private GetCaseDetails Details { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IBusinessCalendarProvider Calendars { get; set; } = default!;

    [Inject]
    private LiveFeed Feed { get; set; } = default!;

    [Parameter, EditorRequired]
    public required string Numero { get; set; }

    [SupplyParameterFromQuery(Name = "adjuntos")]
    public string? AttachmentProblem { get; set; }

    /// <summary>"1" right after the new-case form registered the case: the page confirms it and says what happens next.</summary>
    [SupplyParameterFromQuery(Name = "registrado")]
    public string? Registered { get; set; }

    [Inject]
    private RegistrationNotes Notes { get; set; } = default!;

    internal CaseDetails? Case { get; private set; }

    internal CurrentUser User { get; private set; } = CurrentUser.Anonymous;

    internal string? Notice { get; set; }

    internal Severity NoticeSeverity { get; private set; } = Severity.Success;

    internal int AttachmentsVersion { get; private set; }

    internal bool CanComment => Case is { Status: not CaseStatus.Closed } c
        && (c.AllowedOperations.Contains(CaseOperationKind.Comment) || c.AllowedOperations.Contains(CaseOperationKind.InternalNote));

    /// <summary>
    /// The survey shows to the requester while the window is open. Decided when the case is loaded, not on every render:
    /// a form the person is filling stays (with what they typed) until the case is read again, even if the window ends
    /// meanwhile — then Core's refusal says so.
    /// </summary>
    internal bool SurveyDue { get; private set; }

    protected override async Task OnParametersSetAsync()
    {
        User = await Users.GetAsync();
        await LoadAsync();
        if (AttachmentProblem is not null && Case is not null)
        {
            Notice = Notes.AttachmentProblem(Case.Number) is { } why
                ? $"El caso quedó registrado, pero no se adjuntó ningún archivo: {why} Puede adjuntarlos de nuevo desde la conversación."
                : "El caso quedó registrado, pero algunos archivos no se pudieron adjuntar. Puede adjuntarlos de nuevo desde la conversación.";
            NoticeSeverity = Severity.Warning;
        }
    }

    internal async Task ReloadAsync()
    {
        await LoadAsync();
        AttachmentsVersion++;
    }

    /// <summary>The ANS readings as of now, from the facts read with the case (they tick without a read).</summary>
    internal void Tick()
    {
        if (Case is { SlaFacts: { } facts } c)
        {
            var now = Time.GetUtcNow();
            Case = c with { Attention = SlaClock.Attention(facts, Calendars.Current, now), Resolution = SlaClock.Resolution(facts, Calendars.Current, now) };
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!RendererInfo.IsInteractive || Case is null || _disposed.IsCancellationRequested)
        {
            return;
        }

        if (_listenedNumber is null)
        {
            // On the server, in this circuit: no browser round trip (decision 0020).
            _subscription = Feed.Subscribe(new Listener(this));
            _ = TickAsync();
        }

        Volatile.Write(ref _listenedNumber, Case.Number);
    }

    /// <summary>The case changed somewhere: read it again (bursts collapse into one read).</summary>
    internal Task OnCaseChanged() => ReloadSoonAsync();

    /// <summary>Changes may have been missed (a gap, a lost connection between instances): whatever changed is in the database.</summary>
    internal Task OnResync() => ReloadSoonAsync();

    private Task ReloadSoonAsync() => InvokeAsync(async () =>
    {
        if (_disposed.IsCancellationRequested || Interlocked.Exchange(ref _reloading, 1) == 1)
        {
            return;
        }

        try
        {
            await ReloadAsync();
            StateHasChanged();
        }
        finally
        {
            Volatile.Write(ref _reloading, 0);
        }
    });

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(TickInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_disposed.Token))
            {
                await InvokeAsync(() =>
                {
                    Tick();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _disposed.CancelAsync();
        _disposed.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task LoadAsync()
    {
        try
        {
            Case = await Details.HandleAsync(Numero, User, CancellationToken.None);
            SurveyDue = Case is { Status: CaseStatus.Resolved or CaseStatus.Rejected, SurveyDueAt: { } due } c
                && c.RequesterId == User.PersonId && Time.GetUtcNow() < due;
        }
        catch (NotFoundException) when (Case is { } seen && User.IsStaff)
        {
            // The case left this person's reach while the page was open (escalated or reassigned to someone they do not
            // work with): say so where they work, instead of "not found".
            Case = null;
            SurveyDue = false;
            Navigation.NavigateTo($"/tablero?fuera={Uri.EscapeDataString(seen.Number)}");
        }
        catch (NotFoundException)
        {
            // Missing and out of reach answer the same: 404, the same page.
            Case = null;
            SurveyDue = false;
            Navigation.NotFound();
        }
    }

    /// <summary>The survey was answered: thanks, and the case as it is now (closed, or with the novedad reported).</summary>
    internal async Task SurveyAnsweredAsync(bool satisfied)
    {
        Notice = satisfied
            ? "Gracias por responder la encuesta. El caso quedó cerrado."
            : "Gracias por responder la encuesta. Recibimos su novedad: el técnico la revisará y le contará qué sigue.";
        NoticeSeverity = Severity.Success;
        await ReloadAsync();
    }

    /// <summary>The page's ear on the feed: it only hands its own case's changes to the circuit's dispatcher.</summary>
    private sealed class Listener(CaseView page) : ILiveSubscriber
    {
        public void OnMessage(LiveMessage message)
        {
            if (message is CasePageChanged changed
                && string.Equals(changed.Number, Volatile.Read(ref page._listenedNumber), StringComparison.OrdinalIgnoreCase))
            {
                _ = page.OnCaseChanged();
            }
        }

        public void OnResync() => _ = page.OnResync();
    }
}
