using MesaServicio.Core.Live;
using MesaServicio.Core.Notifications;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MesaServicio.Web.Components.Notices;

/// <summary>
/// The bell: reads the person's inbox when the page loads, then listens to the server's live feed (decision 0020) and
/// updates itself live with a toast — for every signed-in person, requesters too. Not shown on the few static pages
/// (no circuit to listen with).
/// </summary>
public sealed partial class NoticeBell : IAsyncDisposable
{
    /// <summary>Notices arriving within this time of each other make one toast ("Tiene 5 avisos nuevos").</summary>
    internal static readonly TimeSpan BurstWindow = TimeSpan.FromMilliseconds(800);

    private readonly CancellationTokenSource _disposed = new();
    private CurrentUser _user = CurrentUser.Anonymous;
    private IDisposable? _subscription;
    private readonly List<NoticeAdded> _burst = [];
    private bool _isDisposed;

    [Inject]
    private ListPortalNotifications Inbox { get; set; } = default!;

    [Inject]
    private MarkPortalNotificationsRead MarkRead { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private LiveFeed Feed { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    internal List<PortalNoticeRow> Notices { get; private set; } = [];

    internal int Unread { get; private set; }

    /// <summary>
    /// For a signed-in person, once the page is interactive. Not while it prerenders: the menu's element ids are random,
    /// and a page that must answer byte for byte like another (an out-of-reach case like a missing one) must not differ
    /// by them; a placeholder of the same size keeps the app bar still meanwhile.
    /// </summary>
    internal bool Visible => _user.Kind == PrincipalKind.Person && RendererInfo.IsInteractive;

    /// <summary>While an interactive page prerenders: the bell's room in the app bar.</summary>
    internal bool Placeholder => _user.Kind == PrincipalKind.Person && !RendererInfo.IsInteractive && AssignedRenderMode is not null;

    internal string ButtonLabel => Unread switch
    {
        0 => "Avisos: ninguno sin leer",
        1 => "Avisos: 1 sin leer",
        _ => $"Avisos: {Unread.ToString(Labels.Culture)} sin leer",
    };

    protected override async Task OnInitializedAsync()
    {
        _user = await Users.GetAsync();
        if (Visible)
        {
            // On the server, in this circuit: no browser round trip (decision 0020). Listening starts before the inbox
            // is read, so that a notice written meanwhile is not missed (a repeat is recognised by its id).
            _subscription = Feed.Subscribe(new Listener(this));
            await LoadAsync();
        }
    }

    /// <summary>A notice written for someone: this bell takes it when it is for its person.</summary>
    internal Task OnNotice(NoticeAdded message) => InvokeAsync(() =>
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_isDisposed || message.PersonId != _user.PersonId || Notices.Any(n => n.Id == message.Id))
        {
            return;
        }

        Notices.Insert(0, new PortalNoticeRow(message.Id, message.Kind, message.CaseNumber, message.Text, message.CreatedAt, false));
        if (Notices.Count > ListPortalNotifications.LatestCount)
        {
            Notices.RemoveAt(Notices.Count - 1);
        }

        Unread++;
        _burst.Add(message);
        if (_burst.Count == 1)
        {
            _ = ToastAfterBurstAsync();
        }

        StateHasChanged();
    });

    /// <summary>Notices may have been missed (a gap, a lost connection between instances): the inbox is the truth.</summary>
    internal Task OnResync() => InvokeAsync(async () =>
    {
        if (!_isDisposed)
        {
            await LoadAsync();
            StateHasChanged();
        }
    });

    internal async Task MarkReadAsync()
    {
        var newest = Notices.Count == 0 ? (DateTimeOffset?)null : Notices.Max(n => n.CreatedAt);
        await MarkRead.HandleAsync(new MarkPortalNotificationsReadCommand(newest), _user, CancellationToken.None);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var inbox = await Inbox.HandleAsync(_user, CancellationToken.None);
        Notices = [.. inbox.Latest];
        Unread = inbox.UnreadCount;
    }

    /// <summary>One toast per burst: a sweep that warns of many cases at once does not bury the screen in toasts.</summary>
    private async Task ToastAfterBurstAsync()
    {
        try
        {
            await Task.Delay(BurstWindow, Time, _disposed.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await InvokeAsync(() =>
        {
            var text = _burst.Count == 1 ? _burst[0].Text : $"Tiene {_burst.Count.ToString(Labels.Culture)} avisos nuevos.";
            _burst.Clear();
            Snackbar.Add(text, Severity.Info);
        });
    }

    public async ValueTask DisposeAsync()
    {
        _isDisposed = true;
        _subscription?.Dispose();
        await _disposed.CancelAsync();
        _disposed.Dispose();
    }

    /// <summary>The bell's ear on the feed: it only hands matching work to the circuit's dispatcher.</summary>
    private sealed class Listener(NoticeBell bell) : ILiveSubscriber
    {
        public void OnMessage(LiveMessage message)
        {
            if (message is NoticeAdded notice && notice.PersonId == bell._user.PersonId)
            {
                _ = bell.OnNotice(notice);
            }
        }

        public void OnResync() => _ = bell.OnResync();
    }
}
