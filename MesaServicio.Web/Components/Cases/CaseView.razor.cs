using MesaServicio.Core.Calendar;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using MesaServicio.Core.Sla;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Realtime;
using Microsoft.JSInterop;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MesaServicio.Web.Components.Cases;

/// <summary>
/// One case: what the person may see of it, the satisfaction survey, and the actions they may take. Live for everyone who
/// may see it: when the case changes anywhere (another person, another instance, the timed work) the page reads it again
/// (notices.js' case channel), and the ANS chips tick every <see cref="TickInterval"/>.
/// </summary>
public partial class CaseView : IAsyncDisposable
{
    /// <summary>How often the ANS chips are recomputed from the case's clock facts (no database read).</summary>
    internal static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _disposed = new();
    private DotNetObjectReference<CaseView>? _self;
    private IJSObjectReference? _module;
    private IJSObjectReference? _connection;
    private string? _connectedNumber;
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
    private IJSRuntime JS { get; set; } = default!;

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

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive || Case is null || _connectedNumber == Case.Number || _disposed.IsCancellationRequested)
        {
            return;
        }

        if (_connectedNumber is null)
        {
            _ = TickAsync();
        }

        await ConnectAsync(Case.Number);
    }

    /// <summary>The case changed somewhere: read it again (bursts collapse into one read).</summary>
    [JSInvokable]
    public Task OnCaseChanged(string number) => ReloadSoonAsync();

    /// <summary>The live channel came back: whatever changed meanwhile is in the database.</summary>
    [JSInvokable]
    public Task OnReconnected() => ReloadSoonAsync();

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

    private async Task ConnectAsync(string number)
    {
        var cancel = _disposed.Token;
        try
        {
            await StopAsync();
            _self ??= DotNetObjectReference.Create(this);
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", cancel, "./js/notices.js");
            _connectedNumber = number;
            if (_module is null)
            {
                return;
            }

            _connection = await _module.InvokeAsync<IJSObjectReference>("connectCase", cancel, _self,
                $"{BoardHub.Path}?{BoardHub.ChannelParameter}={BoardHub.CaseChannel}&{BoardHub.CaseParameter}={Uri.EscapeDataString(number)}");
        }
        catch (Exception ex) when (ex is JSDisconnectedException or OperationCanceledException or JSException or ObjectDisposedException)
        {
            // No live channel: the page still shows the case as read, and a reload shows what changed.
        }
    }

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

    private async Task StopAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.InvokeVoidAsync("stop");
            await connection.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        try
        {
            await StopAsync();
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the browser's connection with it.
        }

        _self?.Dispose();
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
}
