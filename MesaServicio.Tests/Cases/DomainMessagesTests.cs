using System.Reflection;
using MesaServicio.Core.Cases;
using MesaServicio.Core.Common;

namespace MesaServicio.Tests.Cases;

[Trait("Pass", "Once")]
public class DomainMessagesTests
{
    [Fact]
    public void Every_rule_has_a_Spanish_text()
    {
        var rules = typeof(DomainRules).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        rules.Should().NotBeEmpty();
        rules.Where(r => !DomainMessages.Has(r)).Should().BeEmpty();
    }

    [Fact]
    public void Every_operation_and_state_has_a_Spanish_name()
    {
        Enum.GetNames<CaseOperation>().Where(n => !DomainMessages.Has("Operation." + n)).Should().BeEmpty();
        Enum.GetNames<CaseStatus>().Where(n => !DomainMessages.Has("Status." + n)).Should().BeEmpty();
        DomainMessages.Get("Status." + nameof(CaseStatus.WaitingOnRequester)).Should().Be("En espera del usuario");
    }
}
