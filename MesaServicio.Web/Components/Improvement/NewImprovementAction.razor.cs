using System.Globalization;
using MesaServicio.Core.Calendar;
using MesaServicio.Core.Common;
using MesaServicio.Core.Improvement;
using MesaServicio.Core.Reports;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Improvement;

/// <summary>What the form holds while it is being filled (kept as typed when Core refuses it).</summary>
public sealed class NewImprovementActionForm
{
    public ImprovementOrigin Origin { get; set; } = ImprovementOrigin.Novedad;

    public string? Cases { get; set; }

    public string? Month { get; set; }

    public string? Title { get; set; }

    public string? Description { get; set; }

    public Guid? ResponsibleId { get; set; }

    /// <summary><c>yyyy-MM-dd</c>, as the date input gives it.</summary>
    public string? DueOn { get; set; }
}

/// <summary>
/// Records an improvement action (<c>/acciones-de-mejora/nueva</c>). The report and the case page link here with
/// <c>?origen=novedad|puntaje-bajo|revision-mes&amp;casos=MS-…,MS-…&amp;mes=2026-11</c> to fill the form in. A refused form
/// keeps what was typed and says why, in Spanish.
/// </summary>
public sealed partial class NewImprovementAction
{
    private IReadOnlyList<ImprovementResponsibleOption> _people = [];
    private string? _error;
    private bool _busy;

    [SupplyParameterFromQuery(Name = "origen")]
    public string? Origen { get; set; }

    [SupplyParameterFromQuery(Name = "casos")]
    public string? Casos { get; set; }

    [SupplyParameterFromQuery(Name = "mes")]
    public string? Mes { get; set; }

    /// <summary>The form's values (public for tests).</summary>
    public NewImprovementActionForm Form { get; } = new();

    [Inject]
    private CreateImprovementAction Create { get; set; } = default!;

    [Inject]
    private ListImprovementResponsibles Responsibles { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IBusinessCalendarProvider Calendars { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = await Users.GetAsync();
        _people = await Responsibles.HandleAsync(user, CancellationToken.None);
        Form.Origin = ImprovementLabels.OriginFromQuery(Origen) ?? (string.IsNullOrWhiteSpace(Mes) ? ImprovementOrigin.Novedad : ImprovementOrigin.MonthReview);
        Form.Cases = string.IsNullOrWhiteSpace(Casos) ? null : string.Join(", ", SplitCases(Casos));
        Form.Month = string.IsNullOrWhiteSpace(Mes) ? null : Mes.Trim();

        // By default the person recording it answers for it, within fifteen days (Bogotá's calendar day).
        Form.ResponsibleId = _people.Any(p => p.Id == user.PersonId) ? user.PersonId : null;
        var today = DateOnly.FromDateTime(Calendars.Current.ToLocal(Time.GetUtcNow()).DateTime);
        Form.DueOn = today.AddDays(15).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> SplitCases(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToUpperInvariant());

    private async Task SubmitAsync()
    {
        _error = null;
        YearMonth? month = null;
        if (!string.IsNullOrWhiteSpace(Form.Month))
        {
            if (!YearMonth.TryParse(Form.Month.Trim(), out var parsed))
            {
                _error = "Escriba el mes revisado como AAAA-MM, por ejemplo 2026-11.";
                return;
            }

            month = parsed;
        }

        DateOnly? due = null;
        if (!string.IsNullOrWhiteSpace(Form.DueOn))
        {
            if (!DateOnly.TryParseExact(Form.DueOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                _error = "Escriba la fecha límite como día, mes y año.";
                return;
            }

            due = day;
        }

        _busy = true;
        try
        {
            var created = await Create.HandleAsync(
                new CreateImprovementActionCommand(Form.Title, Form.Description, Form.Origin, month, [.. SplitCases(Form.Cases)], Form.ResponsibleId, due),
                await Users.GetAsync(), CancellationToken.None);
            Navigation.NavigateTo(ImprovementNotices.Link(created.Number) + "?registrada=1");
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
}
