using MesaServicio.Core.Common;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MesaServicio.Web.Components.Configuration;

/// <summary>
/// What every tab of <c>/configuracion</c> shares: the signed-in coordinator, the Spanish message of a refused change
/// (the form keeps what was typed: only the message is new), and a reload after a change.
/// </summary>
public abstract class ConfigurationTabBase : ComponentBase
{
    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected CurrentUser User { get; private set; } = CurrentUser.Anonymous;

    /// <summary>The last refusal, in Spanish, shown above the tab's forms.</summary>
    internal string? Error { get; private set; }

    internal bool Busy { get; private set; }

    internal bool Loaded { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        User = await Users.GetAsync();
        try
        {
            await LoadAsync();
            Loaded = true;
        }
        catch (DomainException ex)
        {
            Error = ex.Message;
        }
    }

    /// <summary>Reads what the tab shows.</summary>
    protected abstract Task LoadAsync();

    /// <summary>
    /// Runs a change through Core. On success the tab reloads and says so; on a refusal the Spanish message is shown
    /// and nothing typed is cleared. Returns whether the change went through.
    /// </summary>
    protected Task<bool> RunAsync(Func<Task<bool>> change, string done) => RunAsync(change, () => done);

    /// <summary>The same, with a confirmation written after the change (e.g. with a count it returned).</summary>
    protected async Task<bool> RunAsync(Func<Task<bool>> change, Func<string> done)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(done);
        Busy = true;
        Error = null;
        try
        {
            var changed = await change();
            await LoadAsync();
            Snackbar.Add(changed ? done() : "No había nada que cambiar.", changed ? Severity.Success : Severity.Info);
            return true;
        }
        catch (DomainException ex)
        {
            Error = ex.Message;
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
