using System.Resources;

// The product speaks Spanish only: the neutral resources are es-CO.
[assembly: NeutralResourcesLanguage("es-CO")]
