using MesaServicio.Core.ApiKeys;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace MesaServicio.Web.Components.ApiKeys;

/// <summary>
/// The coordinator's API keys (<c>/configuracion/claves-api</c>): create, rotate (7 days of grace or at once) and
/// revoke the keys of PQRS systems outside Entra ID. A new key is shown once, with a copy button; the list shows
/// only prefixes. Core refuses all of it to anyone but the coordinator and audits every change.
/// </summary>
public sealed partial class ApiKeysPage
{
    private static readonly (int Days, string Label)[] Validities =
        [(90, "90 días"), (180, "180 días"), (365, "1 año"), (730, "2 años"), (0, "Sin vencimiento")];

    private IReadOnlyList<ApiKeyRow>? _keys;
    private string? _name;
    private int _validityDays = 365;
    private string? _error;
    private bool _busy;
    private string? _secret;
    private string? _secretName;
    private bool _copied;

    [Inject]
    private ListApiKeys List { get; set; } = default!;

    [Inject]
    private CreateApiKey Create { get; set; } = default!;

    [Inject]
    private RotateApiKey Rotate { get; set; } = default!;

    [Inject]
    private RevokeApiKey Revoke { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private IBusinessCalendarProvider Calendars { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private static string StateLabel(ApiKeyState state) => state switch
    {
        ApiKeyState.Active => "Vigente",
        ApiKeyState.Retiring => "Rotada: en período de gracia",
        ApiKeyState.Expired => "Vencida",
        _ => "Revocada",
    };

    private static Color StateColor(ApiKeyState state) => state switch
    {
        ApiKeyState.Active => Color.Success,
        ApiKeyState.Retiring => Color.Warning,
        _ => Color.Default,
    };

    private string Format(DateTimeOffset instant) =>
        Calendars.Current.ToLocal(instant).ToString("d 'de' MMM 'de' yyyy, h:mm tt", Labels.Culture);

    private async Task ReloadAsync() => _keys = await List.HandleAsync(await Users.GetAsync(), CancellationToken.None);

    private async Task CreateAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var expires = _validityDays > 0 ? Time.GetUtcNow().AddDays(_validityDays) : (DateTimeOffset?)null;
            var created = await Create.HandleAsync(new CreateApiKeyCommand(_name, expires), await Users.GetAsync(), CancellationToken.None);
            Show(created);
            _name = null;
            await ReloadAsync();
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

    private async Task RotateAsync(ApiKeyRow key)
    {
        var choice = await Dialogs.ShowMessageBoxAsync(
            $"Rotar la clave «{key.Name}»",
            "Se crea una clave nueva con el mismo nombre. La clave actual sigue funcionando 7 días, para alcanzar a instalar la nueva en el sistema PQRS; "
            + "si la clave actual pudo quedar expuesta, rótela de inmediato: deja de funcionar ya.",
            yesText: "Rotar con 7 días de gracia", noText: "Rotar de inmediato", cancelText: "Cancelar");
        if (choice is not { } graceful)
        {
            return;
        }

        await RunAsync(async user => Show(await Rotate.HandleAsync(new RotateApiKeyCommand(key.Id, Immediately: !graceful), user, CancellationToken.None)));
    }

    private async Task RevokeAsync(ApiKeyRow key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Revocar la clave «{key.Name}»",
            "La clave deja de funcionar de inmediato y no se puede reactivar.",
            yesText: "Revocar", cancelText: "Cancelar");
        if (confirmed != true)
        {
            return;
        }

        await RunAsync(async user =>
        {
            await Revoke.HandleAsync(key.Id, user, CancellationToken.None);
            Snackbar.Add($"Se revocó la clave «{key.Name}».", Severity.Success);
        });
    }

    private async Task RunAsync(Func<Core.Security.CurrentUser, Task> action)
    {
        _busy = true;
        try
        {
            await action(await Users.GetAsync());
            await ReloadAsync();
        }
        catch (DomainException refused)
        {
            Snackbar.Add(refused.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private void Show(NewApiKey created)
    {
        _secret = created.Secret;
        _secretName = created.Key.Name;
        _copied = false;
    }

    private void ForgetSecret()
    {
        _secret = null;
        _secretName = null;
        _copied = false;
    }

    private async Task CopyAsync()
    {
        if (_secret is null)
        {
            return;
        }

        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", _secret);
            _copied = true;
        }
        catch (JSException)
        {
            // The clipboard needs HTTPS (or localhost) and the person's permission; the field can still be selected and copied.
            Snackbar.Add("No se pudo copiar automáticamente: seleccione la clave y cópiela.", Severity.Warning);
        }
    }
}
