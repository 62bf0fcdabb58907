using MesaServicio.Core.Audit;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;
using MesaServicio.Core.Configuration;
using MesaServicio.Core.People;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MesaServicio.Web.Components.Audit;

/// <summary>
/// The coordinator's audit (<c>/auditoria</c>): configuration changes and case operations, newest first, filtered by
/// person, case number, operation and local dates, paged in the database. Core refuses anyone but the coordinator and the Jefe OTIC.
/// </summary>
public partial class AuditPage
{
    /// <summary>The operation filter's "all" value.</summary>
    internal const string AllOperations = "";

    private const string AreaPrefix = "area:";
    private const string ActionPrefix = "accion:";

    private MudTable<AuditEntry>? _table;
    private CurrentUser _user = CurrentUser.Anonymous;

    [Inject]
    private ListAuditEntries Entries { get; set; } = default!;

    [Inject]
    private SearchPeople People { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    /// <summary>The filters as typed; applied with "Filtrar".</summary>
    internal AuditFilterForm Filter { get; } = new();

    internal string? Error { get; private set; }

    /// <summary>Configuration areas first, then case actions, each with its Spanish label.</summary>
    internal static IReadOnlyList<(string Key, string Label)> Operations { get; } =
    [
        .. typeof(ConfigurationAreas).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)
            .Select(a => (AreaPrefix + a, "Configuración: " + DomainMessages.Get("Area." + a))),
        .. Enum.GetValues<CaseAction>().Select(a => (ActionPrefix + a, "Caso: " + DomainMessages.Get("History." + a))),
    ];

    protected override async Task OnInitializedAsync() => _user = await Users.GetAsync();

    internal Task<IEnumerable<PersonOption>> SearchPeopleAsync(string? text, CancellationToken cancellationToken) =>
        People.HandleAsync(text, _user, cancellationToken).ContinueWith(t => (IEnumerable<PersonOption>)t.Result, cancellationToken,
            TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    internal async Task ApplyAsync()
    {
        if (_table is not null)
        {
            await _table.ReloadServerData();
        }
    }

    internal async Task ClearAsync()
    {
        Filter.Person = null;
        Filter.CaseNumber = null;
        Filter.Operation = AllOperations;
        Filter.From = null;
        Filter.To = null;
        await ApplyAsync();
    }

    internal async Task<TableData<AuditEntry>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (Error is not null)
        {
            Error = null;
            StateHasChanged();
        }

        if (_user.Kind == PrincipalKind.Anonymous)
        {
            _user = await Users.GetAsync();
        }

        try
        {
            var page = await Entries.HandleAsync(Filter.ToQuery(state.Page, state.PageSize), _user, cancellationToken);
            return new TableData<AuditEntry> { Items = page.Entries, TotalItems = page.Total };
        }
        catch (DomainException ex)
        {
            // The table renders itself; the message lives on the page.
            Error = ex.Message;
            StateHasChanged();
            return new TableData<AuditEntry> { Items = [], TotalItems = 0 };
        }
    }

    internal static string OperationLabel(AuditEntry entry) => entry.Source == AuditSource.Configuration
        ? DomainMessages.Has("Area." + entry.Area) ? DomainMessages.Get("Area." + entry.Area) : entry.Area ?? ""
        : Capitalized(DomainMessages.Get("History." + entry.Action));

    /// <summary>Before → after in Spanish words, as Core wrote it (never the stored JSON, enum names or ids).</summary>
    internal static string Change(AuditEntry entry) => entry.Change ?? "";

    internal static string? Shorten(string? text) => text is { Length: > 160 } ? text[..159] + "…" : text;

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpper(text[0], Labels.Culture) + text[1..];

    /// <summary>The audit's filters as the coordinator sets them.</summary>
    internal sealed class AuditFilterForm
    {
        public PersonOption? Person { get; set; }

        public string? CaseNumber { get; set; }

        public string Operation { get; set; } = AllOperations;

        public DateTime? From { get; set; }

        public DateTime? To { get; set; }

        public AuditFilter ToQuery(int page, int pageSize)
        {
            string? area = Operation.StartsWith(AreaPrefix, StringComparison.Ordinal) ? Operation[AreaPrefix.Length..] : null;
            CaseAction? action = Operation.StartsWith(ActionPrefix, StringComparison.Ordinal)
                && Enum.TryParse<CaseAction>(Operation[ActionPrefix.Length..], out var a) ? a : null;
            return new AuditFilter(
                Person?.Id, CaseNumber, area, action,
                From is { } f ? DateOnly.FromDateTime(f) : null, To is { } t ? DateOnly.FromDateTime(t) : null,
                page, pageSize);
        }
    }
}
