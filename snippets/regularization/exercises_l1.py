import torch

torch.manual_seed(0)

w = torch.tensor([0.8, -0.3, 0.0], requires_grad=True)
grad = torch.tensor([0.1, 0.2, -0.05])  # (1)!
lr, lambd = 0.5, 0.4

penalized = grad @ w + lambd * w.abs().sum()  # (2)!
penalized.backward()
print(w.grad)
print(grad + lambd * torch.sign(w.detach()))
print(w.detach() - lr * w.grad)
