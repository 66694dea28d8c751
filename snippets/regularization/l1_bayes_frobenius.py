import torch

torch.manual_seed(0)

A = torch.randn(4, 3, dtype=torch.float64)
by_sum = torch.sqrt((A ** 2).sum())
by_trace = torch.sqrt(torch.trace(A.T @ A))  # (1)!
by_torch = torch.linalg.norm(A, "fro")
print(by_sum, by_trace, by_torch)
print(torch.allclose(by_sum, by_trace), torch.allclose(by_sum, by_torch))
