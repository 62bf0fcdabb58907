using MesaServicio.Core.Board;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using MesaServicio.Core.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace MesaServicio.Web.Components.Board;

/// <summary>
/// The agents' live Kanban board (<c>/tablero</c>). Reads one page per column through Core (<see cref="GetBoard"/>) and
/// more as a column scrolls; listens to the server's live feed (<see cref="LiveFeed"/>, decision 0020) from its own
/// circuit and applies each change to its view (<see cref="LiveBoard"/>) without reading the database; reads once
/// again after a gap. Cards move by drag and drop or by each card's "Mover a…" button; both run the same Core use cases
/// as the case page, and the moved card changes when the feed brings the committed change (once).
/// </summary>
public sealed partial class BoardPage : IAsyncDisposable
{
    /// <summary>Bursts of "read again" (gaps, reconnections) fold into at most one read per interval.</summary>
    public static readonly TimeSpan ReloadInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the ANS chips are read again (from the facts the board holds, no query).</summary>
    public static readonly TimeSpan ClockInterval = TimeSpan.FromSeconds(30);

    private readonly List<CardChanged> _arrivedWhileReading = [];
    private CurrentUser _user = CurrentUser.Anonymous;
    private LiveBoard? _board;
    private BoardScope? _scope;
    private BoardFilter _filter = BoardFilter.None;
    private IReadOnlyList<CategoryOption> _categories = [];
    private BusinessCalendar _calendar = default!;
    private DateTimeOffset _now;
    private BoardCard? _dragged;
    private ReloadThrottle? _throttle;
    private ITimer? _clock;
    private IDisposable? _subscription;
    private IJSObjectReference? _module;
    private IJSObjectReference? _dragHelp;
    private ElementReference _boardElement;
    private int _loadSequence;
    private int _reading;
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
    private LiveFeed Feed { get; set; } = default!;

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

    /// <summary>How many times the board read the database (the first read, filters, gaps; not live changes).</summary>
    public int Reads { get; private set; }

    /// <summary>How many live changes the board applied to its view.</summary>
    public int Applied { get; private set; }

    /// <summary>The case that left the person's reach while its page was open (the case page sends them here).</summary>
    [SupplyParameterFromQuery(Name = "fuera")]
    public string? LeftReach { get; set; }

    /// <summary>
    /// The board hears the live feed: it is interactive (a prerendered page hears nothing until its circuit starts) and
    /// has read its columns.
    /// </summary>
    internal bool Live => RendererInfo.IsInteractive && _board is not null;

    protected override async Task OnInitializedAsync()
    {
        _calendar = Calendars.Current;
        _user = await Users.GetAsync();
        _categories = CategoryOption.Flatten(await Categories.GetAsync(CancellationToken.None));
        _throttle = new ReloadThrottle(ReloadInterval, () => InvokeAsync(ReloadAsync), Time);

        // Listening starts before the first read: a change committed while it reads is applied after it. A prerendered
        // page does not listen: its circuit does, once it starts.
        if (RendererInfo.IsInteractive)
        {
            _subscription = Feed.Subscribe(new Listener(this));
        }

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
            // Drag and drop help only (a drag payload for Firefox, the drop-zone highlight): the live changes come on the server.
            _module = await JS.InvokeAsync<IJSObjectReference>("import", "./js/board.js");
            if (_module is null || _disposed)
            {
                return;
            }

            _dragHelp = await _module.InvokeAsync<IJSObjectReference>("enableDrag", _boardElement);
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away while starting.
        }
        catch (JSException ex)
        {
            Log.LogWarning(ex, "The board's drag and drop help could not start in the browser");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _subscription?.Dispose();
        _throttle?.Dispose();
        if (_clock is not null)
        {
            await _clock.DisposeAsync();
        }

        try
        {
            if (_dragHelp is not null)
            {
                await _dragHelp.InvokeVoidAsync("stop");
                await _dragHelp.DisposeAsync();
            }

            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone.
        }
    }

    /// <summary>Reads the first page of every column again (first load, gap, another filter).</summary>
    private async Task ReloadAsync()
    {
        if (_disposed)
        {
            return;
        }

        var sequence = ++_loadSequence;
        _reading++;
        try
        {
            var view = _scope is null
                ? await Board.HandleAsync(_user, _filter, CancellationToken.None)
                : await Board.HandleAsync(_user, _scope, CancellationToken.None);
            Reads++;
            if (sequence != _loadSequence || _disposed)
            {
                return; // A later read (another filter) is on its way.
            }

            _scope = view.Scope;
            _board = new LiveBoard(view);
            _now = view.ReadAt;

            // What arrived while reading: the read may show it already (the card's version tells) or not.
            foreach (var change in _arrivedWhileReading)
            {
                ApplyChange(change, counted: false);
            }

            _arrivedWhileReading.Clear();
            StateHasChanged();
        }
        catch (DomainException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
        }
        finally
        {
            _reading--;
        }
    }

    /// <summary>A change from the feed, in this circuit: applied now, or after the read under way.</summary>
    private void Take(CardChanged change)
    {
        if (_disposed)
        {
            return;
        }

        if (_reading > 0 || _board is null)
        {
            _arrivedWhileReading.Add(change);
            return;
        }

        if (ApplyChange(change, counted: true))
        {
            StateHasChanged();
        }
    }

    private bool ApplyChange(CardChanged change, bool counted)
    {
        var board = _board!;
        var now = Time.GetUtcNow();
        if (!board.Apply(change, _calendar, now, counted))
        {
            return false;
        }

        Applied++;
        if (change.GivesTo(_user.PersonId))
        {
            Snackbar.Add(BoardLabels.GivenTo(change), Severity.Info);
        }

        return true;
    }

    /// <summary>The next page of a column, as it scrolls (from the last card held there).</summary>
    private async Task MoreAsync(BoardColumn column)
    {
        if (_board is not { } board || _scope is null)
        {
            return;
        }

        var held = board[column];
        if (held.Complete || held.Cards.Count == 0)
        {
            return;
        }

        try
        {
            var more = await Board.MoreAsync(_user, _scope, column, held.Cards[^1], CancellationToken.None);
            if (ReferenceEquals(board, _board))
            {
                held.Append(more);
            }
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
        if (_scope is not null)
        {
            try
            {
                _scope = await Board.RescopeAsync(_user, _scope, filter, CancellationToken.None);
            }
            catch (DomainException ex)
            {
                Snackbar.Add(ex.Message, Severity.Error);
                return;
            }
        }

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

        var move = drop.Legal.Count == 1 ? drop.Legal[0] : await Moves.ChooseAsync(card, drop.Legal, dropped: true);
        if (move is { } chosen)
        {
            await RunMoveAsync(card, chosen);
        }
    }

    private async Task ChooseMoveAsync(BoardCard card)
    {
        if (await Moves.ChooseAsync(card, BoardMoves.LegalFrom(card.Status), dropped: false) is { } move)
        {
            await RunMoveAsync(card, move);
        }
    }

    private async Task RunMoveAsync(BoardCard card, BoardMove move)
    {
        // The committed move comes back through the feed (this circuit's own subscription) and moves the card: no read.
        var outcome = await Moves.RunAsync(card, move, new MoveContext(_user, n => _board?.Find(n)?.Version, ReloadAsync));
        switch (outcome.Kind)
        {
            case MoveOutcomeKind.Done:
                Snackbar.Add(BoardLabels.Done(move, card.Number), Severity.Success);
                break;
            case MoveOutcomeKind.Refused or MoveOutcomeKind.Conflict:
                Snackbar.Add(outcome.Message!, Severity.Warning);
                break;
        }
    }

    /// <summary>
    /// The board's subscription to the feed. Called on the publisher's thread: it only checks the change's audience and
    /// hands it to the circuit.
    /// </summary>
    private sealed class Listener(BoardPage page) : ILiveSubscriber
    {
        public void OnMessage(LiveMessage message)
        {
            if (message is not CardChanged change || page._disposed || (page._scope is { } scope && !scope.Hears(change.Audience)))
            {
                return;
            }

            Post(() => page.Take(change));
        }

        public void OnResync() => page._throttle?.Signal();

        private void Post(Action work) => _ = page.InvokeAsync(() =>
        {
            try
            {
                work();
            }
#pragma warning disable CA1031 // A change the board cannot apply must not break the circuit: it reads once instead.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                page.Log.LogWarning(ex, "A live change could not be applied to the board; it reads again");
                page._throttle?.Signal();
            }
        });
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
