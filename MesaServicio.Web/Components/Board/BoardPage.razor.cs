using MesaServicio.Core.Board;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace MesaServicio.Web.Components.Board;

/// <summary>
/// The agents' live Kanban board (<c>/tablero</c>). Reads the board through Core (<see cref="GetBoard"/>), listens to
/// the board hub through <c>js/board.js</c>, and re-reads itself when a change arrives (at most once per
/// <see cref="ReloadInterval"/>). Cards move by drag and drop or by each card's "Mover a…" menu; both run the same
/// Core use cases as the case page.
/// </summary>
public sealed partial class BoardPage : IAsyncDisposable
{
    /// <summary>Bursts of changes fold into at most one reload per interval.</summary>
    public static readonly TimeSpan ReloadInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the ANS chips are read again (from the facts the board holds, no query).</summary>
    public static readonly TimeSpan ClockInterval = TimeSpan.FromSeconds(30);

    private readonly Queue<string> _recentIds = new();
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
    private CurrentUser _user = CurrentUser.Anonymous;
    private BoardView? _board;
    private BoardFilter _filter = BoardFilter.None;
    private IReadOnlyList<CategoryOption> _categories = [];
    private BusinessCalendar _calendar = default!;
    private DateTimeOffset _now;
    private BoardCard? _dragged;
    private ReloadThrottle? _throttle;
    private ITimer? _clock;
    private IJSObjectReference? _module;
    private IJSObjectReference? _connection;
    private DotNetObjectReference<BoardPage>? _self;
    private ElementReference _boardElement;
    private int _loadSequence;
    private string _live = "conectando";
    private bool _disposed;

    [Inject]
    private GetBoard Board { get; set; } = default!;

    [Inject]
    private CategoryTree Categories { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private BoardMoveRunner Moves { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IBusinessCalendarProvider Calendars { get; set; } = default!;

    [Inject]
    private ILogger<BoardPage> Log { get; set; } = default!;

    private string LiveText => _live switch
    {
        "conectado" => "En vivo",
        "reconectando" => "Reconectando…",
        "desconectado" => "Sin actualización en vivo: recargue la página",
        _ => "Conectando…",
    };

    /// <summary>The case that left the person's reach while its page was open (the case page sends them here).</summary>
    [SupplyParameterFromQuery(Name = "fuera")]
    public string? LeftReach { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _calendar = Calendars.Current;
        _user = await Users.GetAsync();
        _categories = CategoryOption.Flatten(await Categories.GetAsync(CancellationToken.None));
        _throttle = new ReloadThrottle(ReloadInterval, () => InvokeAsync(ReloadAsync), Time);

        // The clock starts before the first load: time that passes while the board loads is shown too.
        _clock = Time.CreateTimer(_ => _ = InvokeAsync(TickAsync), null, ClockInterval, ClockInterval);
        await ReloadAsync();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/board.js");
            if (_module is null || _disposed)
            {
                return;
            }

            _self = DotNetObjectReference.Create(this);
            _connection = await _module.InvokeAsync<IJSObjectReference>("connect", _self, BoardHub.Path, _boardElement);
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away while starting.
        }
        catch (JSException ex)
        {
            Log.LogWarning(ex, "The live board could not start in the browser");
            _live = "desconectado";
            StateHasChanged();
        }
    }

    /// <summary>Called by <c>board.js</c> for every change the hub delivers to this connection.</summary>
    [JSInvokable]
    public Task OnCaseChanged(BoardChangeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return InvokeAsync(() =>
        {
            if (!Remember(message.Id))
            {
                return;
            }

            if (message.ConcernsAssignee(_user.PersonId))
            {
                Snackbar.Add(message.Toast, Severity.Info);
            }

            _throttle?.Signal();
        });
    }

    /// <summary>Called by <c>board.js</c> when the hub connection's state changes ("conectado", "reconectando", "desconectado").</summary>
    [JSInvokable]
    public Task OnLiveStateChanged(string state, bool reconnected) => InvokeAsync(() =>
    {
        _live = state;
        if (reconnected)
        {
            // Changes may have been missed while the connection was down.
            _throttle?.Signal();
        }

        StateHasChanged();
    });

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _throttle?.Dispose();
        if (_clock is not null)
        {
            await _clock.DisposeAsync();
        }

        try
        {
            if (_connection is not null)
            {
                await _connection.InvokeVoidAsync("stop");
                await _connection.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone: its connection closes with it.
        }

        _self?.Dispose();
    }

    private async Task ReloadAsync()
    {
        if (_disposed)
        {
            return;
        }

        var sequence = ++_loadSequence;
        try
        {
            var board = await Board.HandleAsync(_user, _filter, CancellationToken.None);
            if (sequence != _loadSequence || _disposed)
            {
                return; // A later read (another filter) is on its way.
            }

            _board = board;
            _now = board.ReadAt;
            StateHasChanged();
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
    }

    private Task TickAsync()
    {
        _now = Time.GetUtcNow();
        StateHasChanged();
        return Task.CompletedTask;
    }

    private async Task OnFilterChangedAsync(BoardFilter filter)
    {
        _filter = filter;
        await ReloadAsync();
    }

    private void DragStart(BoardCard card) => _dragged = card;

    private async Task DropAsync(BoardColumn column)
    {
        var card = _dragged;
        _dragged = null;
        if (card is null)
        {
            return;
        }

        var drop = BoardMoves.Drop(card.Status, column);
        if (ReferenceEquals(drop, BoardDrop.None))
        {
            return;
        }

        if (drop.IsRefused)
        {
            // Nothing moved: the card is drawn from the board's data, so it stays in its column.
            Snackbar.Add(BoardLabels.Refusal(card, column, drop), Severity.Warning);
            return;
        }

        var move = drop.Legal.Count == 1 ? drop.Legal[0] : await Moves.ChooseAsync(card, drop.Legal);
        if (move is { } chosen)
        {
            await RunMoveAsync(card, chosen);
        }
    }

    private Task MoveAsync((BoardCard Card, BoardMove Move) request) => RunMoveAsync(request.Card, request.Move);

    private async Task RunMoveAsync(BoardCard card, BoardMove move)
    {
        var outcome = await Moves.RunAsync(card, move, new MoveContext(_user, n => _board?.Find(n)?.Version, ReloadAsync));
        switch (outcome.Kind)
        {
            case MoveOutcomeKind.Done:
                Snackbar.Add(BoardLabels.Done(move, card.Number), Severity.Success);
                await ReloadAsync();
                break;
            case MoveOutcomeKind.Refused or MoveOutcomeKind.Conflict:
                Snackbar.Add(outcome.Message!, Severity.Warning);
                break;
        }
    }

    /// <summary>A connection in several addressed groups receives a change more than once: act on it once.</summary>
    private bool Remember(string id)
    {
        if (!_seen.Add(id))
        {
            return false;
        }

        _recentIds.Enqueue(id);
        if (_recentIds.Count > 256)
        {
            _seen.Remove(_recentIds.Dequeue());
        }

        return true;
    }
}

/// <summary>A category as the board's filter lists it (sub-categories indented under their group).</summary>
public sealed record CategoryOption(int Id, string Name, int Depth)
{
    public string Display => Depth == 0 ? Name : "— " + Name;

    public static IReadOnlyList<CategoryOption> Flatten(IReadOnlyList<CategoryNode> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        var result = new List<CategoryOption>();
        void Walk(IEnumerable<CategoryNode> nodes, int depth)
        {
            foreach (var node in nodes)
            {
                result.Add(new CategoryOption(node.Id, node.Name, depth));
                Walk(node.Children, depth + 1);
            }
        }

        Walk(roots, 0);
        return result;
    }
}
