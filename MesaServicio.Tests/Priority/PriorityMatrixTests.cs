using MesaServicio.Core.Common;
using MesaServicio.Core.Priority;

namespace MesaServicio.Tests.Priority;

[Trait("Pass", "Once")]
public class PriorityMatrixTests
{
    [Theory]
    [InlineData(Impact.High, Urgency.High, CasePriority.Critical)]
    [InlineData(Impact.High, Urgency.Medium, CasePriority.High)]
    [InlineData(Impact.High, Urgency.Low, CasePriority.Medium)]
    [InlineData(Impact.Medium, Urgency.High, CasePriority.High)]
    [InlineData(Impact.Medium, Urgency.Medium, CasePriority.Medium)]
    [InlineData(Impact.Medium, Urgency.Low, CasePriority.Low)]
    [InlineData(Impact.Low, Urgency.High, CasePriority.Medium)]
    [InlineData(Impact.Low, Urgency.Medium, CasePriority.Low)]
    [InlineData(Impact.Low, Urgency.Low, CasePriority.Planned)]
    public void The_default_matrix_is_ITILs(Impact impact, Urgency urgency, CasePriority expected) =>
        PriorityMatrix.Default.For(impact, urgency).Should().Be(expected);

    [Fact]
    public void The_matrix_is_data_a_coordinator_can_change()
    {
        var cells = PriorityMatrix.DefaultCells().ToList();
        cells.Single(c => c.Impact == Impact.Low && c.Urgency == Urgency.High).Change(CasePriority.High);
        new PriorityMatrix(cells).For(Impact.Low, Urgency.High).Should().Be(CasePriority.High);
    }

    [Fact]
    public void An_incomplete_matrix_is_refused()
    {
        var cells = PriorityMatrix.DefaultCells().Skip(1);
        FluentActions.Invoking(() => new PriorityMatrix(cells)).Should().Throw<DomainException>()
            .Which.Rule.Should().Be(DomainRules.PriorityMatrixIncomplete);
    }
}
