using System.Reflection;
using MesaServicio.Tests.EndToEnd;

namespace MesaServicio.Tests.Support;

/// <summary>
/// <c>./test.sh</c> runs the suite a second time on PostgreSQL, skipping the classes marked
/// <c>[Trait("Pass", "Once")]</c> (its filter is <c>Pass!=Once</c>): the browser journeys, the bUnit components of
/// Tests/Components, the several-instance tests (ScaleOut, which choose their engines themselves) and the classes that
/// never touch a database. A browser or several-instance class without the trait would silently run twice; these
/// checks fail instead.
/// </summary>
[Trait("Pass", "Once")]
public sealed class TestPassTraitTests
{
    public const string Name = "Pass";
    public const string Once = "Once";

    private static readonly string[] OnceNamespaces =
    [
        "MesaServicio.Tests.EndToEnd", "MesaServicio.Tests.Components", "MesaServicio.Tests.ScaleOut",
    ];

    private static IEnumerable<Type> TestClasses =>
        typeof(TestPassTraitTests).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)
            .Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()));

    private static bool RunsOnce(Type type) => Traits(type).Contains((Name, Once));

    [Fact]
    public void Every_browser_component_and_several_instance_class_runs_once()
    {
        var missing = TestClasses
            .Where(t => OnceNamespaces.Contains(t.Namespace)
                || t.Name.EndsWith("BrowserTests", StringComparison.Ordinal)
                || t.Name.EndsWith("AccessibilityTests", StringComparison.Ordinal)
                || UsesBrowserOrPortalProcess(t))
            .Where(t => !RunsOnce(t))
            .Select(t => t.FullName)
            .ToList();

        missing.Should().BeEmpty(
            "a class that drives a browser, renders bUnit components or starts several instances runs once: "
            + "mark it [Trait(\"Pass\", \"Once\")] so that test.sh's PostgreSQL pass (Pass!=Once) leaves it out");
    }

    [Fact]
    public void The_trait_marks_test_classes_only_with_the_value_the_filter_knows()
    {
        var odd = typeof(TestPassTraitTests).Assembly.GetTypes()
            .Where(t => Traits(t).Any(trait => trait.Name == Name && trait.Value != Once))
            .Select(t => t.FullName)
            .ToList();
        odd.Should().BeEmpty("test.sh filters on Pass!=Once: any other value of «Pass» would be a typo");
        TestClasses.Count(RunsOnce).Should().BeGreaterThan(40, "the browser, component, several-instance and engine-free classes are marked");
    }

    /// <summary>Whether the class takes the browser or a portal process (in its constructor or as a fixture).</summary>
    private static bool UsesBrowserOrPortalProcess(Type type) =>
        type.GetConstructors().SelectMany(c => c.GetParameters()).Any(p =>
            typeof(BrowserFixture).IsAssignableFrom(p.ParameterType) || typeof(PortalProcess).IsAssignableFrom(p.ParameterType))
        || type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>)
            && (typeof(BrowserFixture).IsAssignableFrom(i.GetGenericArguments()[0]) || typeof(PortalProcess).IsAssignableFrom(i.GetGenericArguments()[0])));

    /// <summary>The class's own [Trait(name, value)] (xUnit 2 keeps them only as constructor arguments).</summary>
    private static IEnumerable<(string? Name, string? Value)> Traits(Type type) =>
        type.GetCustomAttributesData()
            .Where(a => a.AttributeType == typeof(TraitAttribute) && a.ConstructorArguments.Count == 2)
            .Select(a => (a.ConstructorArguments[0].Value as string, a.ConstructorArguments[1].Value as string));
}
