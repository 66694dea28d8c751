import torch

torch.manual_seed(0)

w = torch.tensor([1.0, -2.0], requires_grad=True)
loss = (w**2).sum()

loss.backward(retain_graph=True)
(g,) = torch.autograd.grad(loss, w, retain_graph=True)
loss.backward()

print(g)
print(w.grad)
