using MesaServicio.Core.Catalog;
using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;
using MesaServicio.Core.Problems;
using MesaServicio.Web.Auth;
using Microsoft.AspNetCore.Components;

namespace MesaServicio.Web.Components.Problems;

/// <summary>What the form holds while it is being filled (kept as typed when Core refuses it).</summary>
public sealed class NewProblemForm
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    public int CategoryId { get; set; }

    public Impact Impact { get; set; } = Impact.Medium;

    public Urgency Urgency { get; set; } = Urgency.Medium;

    public Guid? ResponsibleId { get; set; }

    public string? Incidents { get; set; }
}

/// <summary>
/// Registers a problem (<c>/problemas/nuevo</c>). The case page and the board's hint link here with
/// <c>?casos=MS-…,MS-…</c>: the incidents are filled in and the category is the first one's. A refused form keeps what was typed.
/// </summary>
public sealed partial class NewProblem
{
    private IReadOnlyList<CategoryNode>? _tree;
    private IReadOnlyList<ProblemResponsibleOption> _people = [];
    private string? _error;
    private bool _busy;

    [SupplyParameterFromQuery(Name = "casos")]
    public string? Casos { get; set; }

    [SupplyParameterFromQuery(Name = "categoria")]
    public int? Categoria { get; set; }

    public NewProblemForm Form { get; } = new();

    [Inject]
    private CreateProblem Create { get; set; } = default!;

    [Inject]
    private ListProblemResponsibles Responsibles { get; set; } = default!;

    [Inject]
    private CategoryTree Categories { get; set; } = default!;

    [Inject]
    private CurrentUserAccessor Users { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = await Users.GetAsync();
        _people = await Responsibles.HandleAsync(user, CancellationToken.None);
        _tree = await Categories.GetAsync(CancellationToken.None);
        Form.Incidents = string.IsNullOrWhiteSpace(Casos) ? null : string.Join(", ", Split(Casos));
        Form.CategoryId = Categoria ?? 0;
        Form.ResponsibleId = _people.Any(p => p.Id == user.PersonId) ? user.PersonId : null;
    }

    private static IEnumerable<string> Split(string? text) =>
        (text ?? "").Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(n => n.ToUpperInvariant());

    private async Task SubmitAsync()
    {
        _error = null;
        _busy = true;
        try
        {
            var number = await Create.HandleAsync(
                new CreateProblemCommand(Form.Title, Form.Description, Form.CategoryId == 0 ? null : Form.CategoryId, Form.Impact, Form.Urgency,
                    Form.ResponsibleId, [.. Split(Form.Incidents)]),
                await Users.GetAsync(), CancellationToken.None);
            Navigation.NavigateTo(ProblemNotices.Link(number) + "?registrado=1");
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
