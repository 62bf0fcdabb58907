using Microsoft.Playwright;
using static MesaServicio.Tests.EndToEnd.PortalPages;

namespace MesaServicio.Tests.EndToEnd;

/// <summary>
/// The browser contexts a browser test class lends its steps (a class fixture): one per person (or nobody), opened and
/// signed in on first use, closed with the class: each person signs in once per class, not once per step. A context is
/// made at one window size and then resized either way, so lending it at another size (resized before the step loads
/// its page afresh) is the same as a context of that size, without a second sign-in. The tests of a class run one at a
/// time, so one context is never used by two steps at once.
/// </summary>
public sealed class SignedInSessions : IAsyncLifetime
{
    private readonly Dictionary<Guid, PortalSession> _open = [];

    private PortalSession? _anonymous;

    /// <summary>
    /// The context of <paramref name="person"/> (null: signed out), its window at <paramref name="width"/>×<paramref name="height"/>,
    /// and whether its page has just been loaded on <paramref name="path"/> at that size (a first sign-in lands there);
    /// otherwise the caller loads the page.
    /// </summary>
    public async Task<(PortalSession Session, bool Loaded)> OpenAsync(
        BrowserFixture browser, PortalProcess portal, Guid? person, int width, int height, string path)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var open = person is { } known ? _open.GetValueOrDefault(known) : _anonymous;
        if (open is not null)
        {
            await open.Page.SetViewportSizeAsync(width, height);
            return (open, false);
        }

        var who = person is { } p ? p.ToString()[^2..] : "anonimo";
        var session = await browser.NewSessionAsync(portal, $"sesion-{who}");
        try
        {
            await session.Page.SetViewportSizeAsync(width, height);
            if (person is { } id)
            {
                await SignInAsync(session, id, path);
            }
        }
        catch
        {
            await session.DisposeAsync();
            throw;
        }

        if (person is { } signedIn)
        {
            _open[signedIn] = session;
        }
        else
        {
            _anonymous = session;
        }

        return (session, person is not null);
    }

    /// <summary>Closes a context that a failed step may have left in an unknown state; the next step opens a new one.</summary>
    public async Task DiscardAsync(PortalSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        foreach (var key in _open.Where(o => ReferenceEquals(o.Value, session)).Select(o => o.Key).ToList())
        {
            _open.Remove(key);
        }

        if (ReferenceEquals(_anonymous, session))
        {
            _anonymous = null;
        }

        await CloseAsync(session);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var session in _open.Values.Append(_anonymous).OfType<PortalSession>())
        {
            await CloseAsync(session);
        }

        _open.Clear();
        _anonymous = null;
    }

    private static async Task CloseAsync(PortalSession session)
    {
        try
        {
            await session.DisposeAsync();
        }
        catch (PlaywrightException)
        {
            // The browser already closed it.
        }
    }
}
