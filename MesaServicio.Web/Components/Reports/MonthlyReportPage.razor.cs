using System.Globalization;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Reports;
using MesaServicio.Core.Reports.Closing;
using MesaServicio.Core.Reports.Pdf;
using MesaServicio.Core.Security;
using MesaServicio.Web.Auth;
using MesaServicio.Web.Endpoints;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace MesaServicio.Web.Components.Reports;

/// <summary>
/// The month's results (<c>/reportes/mensual</c>, issues #6 and #15) for the coordinator and the Jefe OTIC: a month
/// picker (the current month by default, or <c>?mes=yyyy-MM</c>), headline figures with indicator 7 against its
/// target, charts, breakdown tables (volumes open the list of their cases), survey scores, and the downloads.
/// Everything is read through Core, which refuses anyone else.
/// The PDF is rendered in the circuit with its progress shown, then handed over through a one-time address.
/// </summary>
public sealed partial class MonthlyReportPage : IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private CurrentUser _user = CurrentUser.Anonymous;
    private string _userName = "";
    private YearMonth _month;
    private MonthlyReport? _report;
    private bool _loading;
    private int _loadPercent;
    private string? _error;
    private Selection? _selection;
    private ReportCaseList? _selectionCases;
    private bool _pdfBusy;
    private int _pdfPercent;
    private string? _pdfToken;
    private string? _pdfError;
    private bool _canManageActions;
    private MonthResults? _results;
    private IReadOnlyList<OwnResultScope> _scopes = [];
    private OwnResultScope? _scope;

    [Inject]
    private GetMonthResults Months { get; set; } = default!;

    [Inject]
    private ListOwnResultScopes OwnScopes { get; set; } = default!;

    [Inject]
    private MonthlyReportPdf Pdf { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private AuthenticationStateProvider Authentication { get; set; } = default!;

    [Inject]
    private IBusinessCalendarProvider Calendars { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private IOptions<EntityOptions> Entity { get; set; } = default!;

    [Inject]
    private ListReportCases ReportCases { get; set; } = default!;

    [Inject]
    private ReportDownloads Downloads { get; set; } = default!;

    /// <summary>The month to show, <c>yyyy-MM</c>; the current month (partial figures) when absent or invalid.</summary>
    [SupplyParameterFromQuery(Name = "mes")]
    public string? Mes { get; set; }

    /// <summary>"Mis resultados" (<c>/mis-resultados</c>): the person's own cases or one of her groups, always live.</summary>
    [Parameter]
    public bool Own { get; set; }

    /// <summary>With <see cref="Own"/>: whose figures, <c>mios</c> or <c>grupo-{id}</c>.</summary>
    [SupplyParameterFromQuery(Name = "alcance")]
    public string? Alcance { get; set; }

    private static IReadOnlyList<int> MonthNumbers { get; } = Enumerable.Range(1, 12).ToList();

    private IReadOnlyList<int> Years { get; set; } = [];

    private BusinessCalendar Calendar => Calendars.Current;

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    protected override async Task OnInitializedAsync()
    {
        _user = await Users.GetAsync();
        var state = await Authentication.GetAuthenticationStateAsync();
        _userName = state.User.Identity?.Name is { Length: > 0 } name ? name : "Coordinación de la mesa de servicio";
        var current = YearMonth.Containing(Time.GetUtcNow(), Calendar);
        var first = Math.Max(BusinessCalendar.MinSupportedDay.Year, current.Year - 5);
        Years = Enumerable.Range(first, current.Year - first + 1).Reverse().ToList();
        _month = YearMonth.TryParse(Mes, out var asked) ? asked : current;
        _canManageActions = !Own && CaseAccess.Can(_user, GlobalOperation.ManageImprovementActions);
        if (Own)
        {
            try
            {
                _scopes = await OwnScopes.HandleAsync(_user, _disposed.Token);
                _scope = _scopes.FirstOrDefault(s => s.Key == Alcance) ?? _scopes[0];
            }
            catch (ForbiddenException refused)
            {
                _error = refused.Message;
                return;
            }
        }

        await LoadAsync();
    }

    private static string MonthLabel(int month) =>
        CultureInfo.GetCultureInfo("es-CO").DateTimeFormat.GetMonthName(month) is var name && name.Length > 0
            ? char.ToUpper(name[0], ReportFormat.Culture) + name[1..]
            : month.ToString(CultureInfo.InvariantCulture);

    private Task YearChangedAsync(int year) => MonthChangedAsync(new YearMonth(year, _month.Month));

    private Task MonthNumberChangedAsync(int month) => MonthChangedAsync(new YearMonth(_month.Year, month));

    private async Task MonthChangedAsync(YearMonth month)
    {
        _month = month;
        await LoadAsync();
    }

    private async Task ScopeChangedAsync(string key)
    {
        _scope = _scopes.FirstOrDefault(s => s.Key == key) ?? _scope;
        await LoadAsync();
    }

    private Task ReclosedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        _loadPercent = 0;
        _error = null;
        _report = null;
        _results = null;
        _selection = null;
        _selectionCases = null;
        _pdfToken = null;
        _pdfError = null;
        StateHasChanged();
        try
        {
            var scope = Own ? _scope?.Scope ?? throw new InvalidOperationException("No scope.") : ReportScope.All;
            _results = await Months.HandleAsync(_month, scope, _user, new UiProgress(this, p => _loadPercent = p), _disposed.Token);
            _report = _results.Report;
        }
        catch (ForbiddenException refused)
        {
            _error = refused.Message;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return;
        }
        finally
        {
            _loading = false;
        }
    }

    /// <summary>Opens the list of the cases behind a breakdown row.</summary>
    private async Task DrillAsync(ReportDimension dimension, string key, string label)
    {
        _selection = new Selection(dimension, key, label);
        _selectionCases = null;
        StateHasChanged();
        try
        {
            _selectionCases = await ReportCases.HandleAsync(_month, dimension, key, _user, _disposed.Token);
        }
        catch (ForbiddenException refused)
        {
            _error = refused.Message;
            _selection = null;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // The page is gone.
        }
    }

    private void CloseDrill()
    {
        _selection = null;
        _selectionCases = null;
    }

    /// <summary>Renders the PDF of the report on screen (a worker thread), showing its progress, then offers it once.</summary>
    private async Task GeneratePdfAsync()
    {
        if (_report is not { } report || _user.PersonId is not { } me || _pdfBusy)
        {
            return;
        }

        _pdfBusy = true;
        _pdfPercent = 0;
        _pdfToken = null;
        _pdfError = null;
        try
        {
            using var output = new MemoryStream();
            await Pdf.RenderAsync(
                report, ReportEndpoints.Branding(Entity.Value), _userName, output, new UiProgress(this, p => _pdfPercent = p), _disposed.Token);
            _pdfToken = await Downloads.AddAsync(me, ReportEndpoints.FileName(report.Month, "pdf"), "application/pdf", output.ToArray(), _disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            return;
        }
        catch (InvalidOperationException failed)
        {
            _pdfError = "No fue posible generar el PDF: " + failed.Message;
        }
        finally
        {
            _pdfBusy = false;
        }
    }

    private static List<TrendChart.ChartLine> TrendSeries(MonthlyReport report) =>
    [
        new("Radicados", report.Trend.Select(t => (double?)t.Filed).ToList()),
        new("Resueltos (de los radicados)", report.Trend.Select(t => (double?)t.Resolved).ToList()),
    ];

    private static List<TrendChart.ChartLine> IndicatorTrendSeries(MonthlyReport report) =>
    [
        new("Indicador 7 (%)", report.Trend.Select(t => t.Indicator7Percent).ToList()),
    ];

    private static string[] TrendLabels(MonthlyReport report) => report.Trend.Select(t => ReportFormat.ShortMonth(t.Month)).ToArray();

    private sealed record Selection(ReportDimension Dimension, string Key, string Label);

    /// <summary>Progress reported from any thread, shown through the renderer.</summary>
    private sealed class UiProgress(MonthlyReportPage page, Action<int> set) : IProgress<int>
    {
        public void Report(int value) => _ = page.InvokeAsync(() =>
        {
            set(Math.Clamp(value, 0, 100));
            page.StateHasChanged();
        });
    }
}
