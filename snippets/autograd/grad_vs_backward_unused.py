import torch

torch.manual_seed(0)

w = torch.randn(3, requires_grad=True)
b = torch.randn(1, requires_grad=True)
x = torch.tensor([1.0, 2.0, 3.0])
loss = (w @ x) ** 2

print(torch.autograd.grad(loss, [w, b], allow_unused=True, retain_graph=True))  # (1)!
loss.backward()  # (2)!
print(w.grad, b.grad)
