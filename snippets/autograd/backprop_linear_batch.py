import torch

torch.manual_seed(0)

X = torch.randn(5, 3, dtype=torch.float64)  # (1)!
W = torch.randn(2, 3, dtype=torch.float64, requires_grad=True)
b = torch.randn(2, dtype=torch.float64, requires_grad=True)
T = torch.randn(5, 2, dtype=torch.float64)

Y = X @ W.T + b  # (2)!
loss = 0.5 * ((Y - T) ** 2).sum()
loss.backward()

D = (Y - T).detach()  # row i is delta_i
outer_sum = sum(torch.outer(D[i], X[i]) for i in range(5))  # (3)!
print("sum_i delta_i x_i^T == D^T X:", torch.allclose(outer_sum, D.T @ X))
print("dL/dW == D^T X:", torch.allclose(W.grad, D.T @ X), tuple(W.grad.shape))
print("dL/db == D.sum(0):", torch.allclose(b.grad, D.sum(0)), tuple(b.grad.shape))
