import torch

torch.manual_seed(0)

W = torch.tensor([[1.0, 2.0, -1.0], [0.0, 1.0, 3.0]], dtype=torch.float64, requires_grad=True)
x = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64, requires_grad=True)
b = torch.tensor([0.5, -1.0], dtype=torch.float64, requires_grad=True)
t = torch.tensor([0.0, 1.0], dtype=torch.float64)

y = W @ x + b
loss = 0.5 * ((y - t) ** 2).sum()
loss.backward()

delta = (y - t).detach()  # (1)!
print("y =", y.tolist(), " delta =", delta.tolist())
print("delta x^T =", torch.outer(delta, x.detach()).tolist())  # (2)!
print("W^T delta =", (W.detach().T @ delta).tolist())  # (3)!
print("autograd == hand, bit for bit:  dL/dW", torch.equal(W.grad, torch.outer(delta, x.detach())),
      " dL/dx", torch.equal(x.grad, W.detach().T @ delta), " dL/db", torch.equal(b.grad, delta))
